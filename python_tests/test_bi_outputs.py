"""What BI tools get: Parquet exports (optionally pseudonymised), docs, and no personal data."""

from __future__ import annotations

import hashlib
import hmac
import json

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from bank_segmentation.campaign_lists import (
    HASH_KEY_VARIABLE,
    HashKeyError,
    hash_key_from_environment,
)
from bank_segmentation.export import export_for_crm, export_marts, main
from bank_segmentation.publication import published_snapshot_path
from python_tests.dbt_helpers import bi_marts, run_dbt

PERSONAL_DATA_COLUMNS = {
    "birth_date",
    "date_of_birth",
    "gender",
    "sex",
    "name",
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "phone_number",
    "address",
    "street",
    "postcode",
    "zip_code",
    "national_id",
    "birth_number",
    "ssn",
    "passport_number",
    "iban",
    "account_number",
    "card_number",
    "ip_address",
}


@pytest.fixture(scope="module")
def demo_manifest(demo_warehouse):
    """The dbt manifest of the demo warehouse's build."""
    return demo_warehouse.parent / "target" / "manifest.json"


@pytest.fixture(scope="module")
def demo_snapshot(demo_warehouse):
    """The snapshot the demo warehouse's build published for BI tools."""
    return published_snapshot_path(demo_warehouse)


@pytest.fixture(scope="module")
def demo_bi_marts(demo_manifest):
    return bi_marts(demo_manifest)


def test_the_bi_tag_is_what_the_export_exposure_and_the_dashboard_read(demo_manifest):
    """dbt_project.yml tags the BI-facing marts; the export exposure lists exactly them and
    the dashboard reads nothing else."""
    manifest = json.loads(demo_manifest.read_text())
    tagged = {f"model.bank_segmentation.{name}" for name in bi_marts(demo_manifest)}
    exposures = {e["name"]: set(e["depends_on"]["nodes"]) for e in manifest["exposures"].values()}
    assert "model.bank_segmentation.customer_segments" in tagged
    assert "model.bank_segmentation.metricflow_time_spine" not in tagged
    assert exposures["bi_parquet_export"] == tagged
    assert exposures["segment_dashboard"] <= tagged


def test_exports_every_bi_mart_and_hashes_ids_with_the_key(demo_warehouse, demo_bi_marts, tmp_path):
    plain = export_marts(demo_warehouse, tmp_path / "plain", demo_bi_marts)
    key = b"a-test-key-that-is-long-enough"
    hashed = export_marts(demo_warehouse, tmp_path / "hashed", demo_bi_marts, key)
    assert list(plain) == demo_bi_marts and plain == hashed
    original = pq.read_table(tmp_path / "plain" / "customer_segments.parquet")
    pseudonymised = pq.read_table(tmp_path / "hashed" / "customer_segments.parquet")
    first_id = original.column("customer_id")[0].as_py()
    expected = hmac.new(key, first_id.encode(), hashlib.sha256).hexdigest()
    assert pseudonymised.column("customer_id")[0].as_py() == expected
    assert not set(original.column("customer_id").to_pylist()) & set(
        pseudonymised.column("customer_id").to_pylist()
    )


def test_make_export_writes_a_campaign_list_per_action_and_a_manifest(
    demo_warehouse, demo_snapshot, demo_manifest, tmp_path
):
    out = tmp_path / "crm"
    assert main(["--database", str(demo_snapshot), "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    with duckdb.connect(str(demo_warehouse), read_only=True) as connection:
        per_action = dict(
            connection.execute(
                "select action, count(*) from campaign_targets group by 1"
            ).fetchall()
        )
        as_of, version = connection.execute(
            "select max(as_of_date), max(model_version) from customer_segments"
        ).fetchall()[0]
    assert manifest["as_of_date"] == str(as_of) and manifest["model_version"] == version
    assert manifest["customer_ids_hashed"] is False
    campaigns = [f for f in manifest["files"] if "action" in f]
    assert {f["action"]: f["rows"] for f in campaigns} == per_action
    assert "no_campaign" not in per_action
    for file in campaigns:
        written = tmp_path / "crm" / file["path"]
        frame = pd.read_csv(written) if written.suffix == ".csv" else pd.read_parquet(written)
        assert len(frame) == file["rows"]
        assert frame.rank_in_action.tolist() == list(range(1, file["rows"] + 1))
    marts = {f["path"] for f in manifest["files"] if "action" not in f}
    assert marts == {f"marts/{mart}.parquet" for mart in bi_marts(demo_manifest)}


def test_exported_lists_that_leave_the_bank_carry_hashed_ids(
    demo_snapshot, demo_bi_marts, tmp_path
):
    key = b"another-key-long-enough"
    clear = export_for_crm(demo_snapshot, tmp_path / "clear", demo_bi_marts)
    hashed = export_for_crm(demo_snapshot, tmp_path / "hashed", demo_bi_marts, key)
    assert hashed["customer_ids_hashed"] is True
    action = next(f["action"] for f in clear["files"] if "action" in f)
    plain = pd.read_csv(tmp_path / "clear" / "campaigns" / f"{action}.csv")
    pseudonymised = pd.read_csv(tmp_path / "hashed" / "campaigns" / f"{action}.csv")
    expected = [hmac.new(key, c.encode(), hashlib.sha256).hexdigest() for c in plain.customer_id]
    assert pseudonymised.customer_id.tolist() == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, f"needs a secret key in {HASH_KEY_VARIABLE}, which is not set"),
        ({HASH_KEY_VARIABLE: ""}, f"needs a secret key in {HASH_KEY_VARIABLE}, which is not set"),
        ({HASH_KEY_VARIABLE: "abc"}, f"{HASH_KEY_VARIABLE} is set but has 3 characters"),
    ],
)
def test_a_missing_or_short_hash_key_is_named_as_such(environ, message):
    with pytest.raises(HashKeyError, match=message):
        hash_key_from_environment(environ)


def test_export_with_a_short_key_stops_before_writing(demo_snapshot, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(HASH_KEY_VARIABLE, "abc")
    out = tmp_path / "never"
    with pytest.raises(SystemExit) as stopped:
        main(["--database", str(demo_snapshot), "--out", str(out), "--hash-customer-ids"])
    assert stopped.value.code == 2 and not out.exists()
    assert "has 3 characters; it needs at least 16" in capsys.readouterr().err


def test_export_of_the_working_warehouse_points_to_the_published_snapshot(
    demo_warehouse, tmp_path, capsys
):
    out = tmp_path / "never"
    with pytest.raises(SystemExit) as stopped:
        main(["--database", str(demo_warehouse), "--out", str(out)])
    assert stopped.value.code == 2 and not out.exists()
    assert "holds no publication_manifest: marts are exported from the published snapshot" in (
        capsys.readouterr().err
    )


def test_bi_marts_carry_no_personal_data_columns(warehouse_connection, demo_bi_marts):
    for mart in demo_bi_marts:
        columns = {r[0] for r in warehouse_connection.sql(f"describe {mart}").fetchall()}
        assert not columns & PERSONAL_DATA_COLUMNS, f"{mart}: {columns & PERSONAL_DATA_COLUMNS}"


def test_docs_describe_every_model_and_every_bi_mart_column(demo_warehouse, demo_raw):
    result = run_dbt(["docs", "generate"], raw_path=demo_raw, database=demo_warehouse)
    catalog = result.result
    assert catalog is not None and len(catalog.nodes) > 20
    manifest = json.loads((demo_warehouse.parent / "target" / "manifest.json").read_text())
    models = {
        key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }
    assert not [node["name"] for node in models.values() if not node["description"].strip()]
    undocumented = [
        (node["name"], column)
        for key, node in models.items()
        if "bi" in node["config"]["tags"]
        for column in catalog.nodes[key].columns
        if not node["columns"].get(column, {}).get("description", "").strip()
    ]
    assert not undocumented
