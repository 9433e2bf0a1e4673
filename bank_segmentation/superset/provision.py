"""Provision the segment dashboard (dashboard.py) in a running Superset against a published
snapshot. Run again, it replaces what it made before, so the repository stays the source."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bank_segmentation.superset.api import Superset
from bank_segmentation.superset.dashboard import (
    CHARTS,
    DASHBOARD_SLUG,
    DASHBOARD_TITLE,
    DATABASE_NAME,
    DATASETS,
    position_json,
)


@dataclass(frozen=True)
class Provisioned:
    database_id: int
    dashboard_id: int
    chart_ids: dict[str, int]
    dashboard_path: str


def snapshot_uri(snapshot: Path) -> str:
    """duckdb-engine's URI of the snapshot, read-only: Superset opens it per query."""
    return f"duckdb:///{Path(snapshot).resolve()}?access_mode=read_only"


def _database(client: Superset, snapshot: Path) -> int:
    payload = {
        "database_name": DATABASE_NAME,
        "sqlalchemy_uri": snapshot_uri(snapshot),
        "expose_in_sqllab": True,
    }
    for existing in client.find("database", "database_name", DATABASE_NAME):
        client.update("database", existing["id"], payload)
        return int(existing["id"])
    return client.create("database", payload)


def _remove_earlier_provisioning(client: Superset, database_id: int) -> None:
    for dashboard in client.find("dashboard", "slug", DASHBOARD_SLUG):
        client.delete("dashboard", dashboard["id"])
    for chart in CHARTS:
        for existing in client.find("chart", "slice_name", chart.name):
            client.delete("chart", existing["id"])
    for dataset in DATASETS:
        for existing in client.find("dataset", "table_name", dataset.name):
            if existing["database"]["id"] == database_id:
                client.delete("dataset", existing["id"])


def provision(client: Superset, snapshot: Path) -> Provisioned:
    database_id = _database(client, snapshot)
    _remove_earlier_provisioning(client, database_id)
    dataset_ids = {}
    for dataset in DATASETS:
        dataset_ids[dataset.name] = client.create("dataset", dataset.payload(database_id))
        client.refresh_dataset(dataset_ids[dataset.name])
    dashboard_id = client.create(
        "dashboard", {"dashboard_title": DASHBOARD_TITLE, "slug": DASHBOARD_SLUG, "published": True}
    )
    chart_ids = {
        chart.name: client.create("chart", chart.payload(dataset_ids[chart.dataset], dashboard_id))
        for chart in CHARTS
    }
    layout = {"position_json": json.dumps(position_json(chart_ids))}
    client.update("dashboard", dashboard_id, layout)
    dashboard_path = f"/superset/dashboard/{DASHBOARD_SLUG}/"
    return Provisioned(database_id, dashboard_id, chart_ids, dashboard_path)
