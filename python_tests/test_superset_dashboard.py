"""The Superset dashboard as code, without Superset: its layout holds every chart once, and every
dataset and chart query runs on a published snapshot and returns rows. `make superset-check`
(a CI step of its own) runs the same dashboard in Superset and Chromium."""

from __future__ import annotations

import duckdb
import pytest

from bank_segmentation.publication import published_snapshot_path
from bank_segmentation.superset.dashboard import CHARTS, DATASETS, position_json
from bank_segmentation.superset.provision import snapshot_uri


@pytest.fixture(scope="module")
def snapshot(demo_warehouse) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(published_snapshot_path(demo_warehouse)), read_only=True)
    yield connection
    connection.close()


def dataset_sql(name: str) -> str:
    (dataset,) = [dataset for dataset in DATASETS if dataset.name == name]
    return dataset.sql or f"select * from {dataset.name}"


def column_sql(column: str | dict) -> str:
    return column if isinstance(column, str) else column["sqlExpression"]


def test_the_layout_places_every_chart_once_in_rows_of_twelve_columns():
    ids = {chart.name: number for number, chart in enumerate(CHARTS, start=1)}
    position = position_json(ids)
    items = [item for item in position.values() if isinstance(item, dict)]
    placed = [item["meta"]["chartId"] for item in items if item["type"] == "CHART"]
    assert sorted(placed) == sorted(ids.values())
    for row_id in position["GRID_ID"]["children"]:
        widths = [position[child]["meta"]["width"] for child in position[row_id]["children"]]
        assert sum(widths) <= 12, row_id


def test_every_chart_reads_a_declared_dataset():
    declared = {dataset.name for dataset in DATASETS}
    assert {chart.dataset for chart in CHARTS} <= declared


@pytest.mark.parametrize("chart", CHARTS, ids=lambda chart: chart.name)
def test_every_chart_query_returns_rows_from_the_published_snapshot(snapshot, chart):
    """The query Superset's data API runs for the chart (its columns grouped, its metrics)."""
    columns = [column_sql(column) for column in chart.columns]
    metrics = [metric["sqlExpression"] for metric in chart.metrics]
    group_by = f" group by {', '.join(columns)}" if metrics and columns else ""
    sql = f"select {', '.join(columns + metrics)} from ({dataset_sql(chart.dataset)}){group_by}"
    rows = snapshot.execute(sql).fetchall()
    assert rows, sql
    for column in chart.params.get("all_columns", []):
        assert column in columns


def test_superset_reads_the_snapshot_read_only(demo_warehouse):
    uri = snapshot_uri(published_snapshot_path(demo_warehouse))
    assert uri.startswith("duckdb:////") and uri.endswith(".published.duckdb?access_mode=read_only")
