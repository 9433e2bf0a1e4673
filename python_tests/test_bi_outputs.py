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
from bank_segmentation.export import BI_MARTS, export_for_crm, export_marts, main
from python_tests.dbt_helpers import run_dbt

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


def test_exports_every_bi_mart_and_hashes_ids_with_the_key(demo_warehouse, tmp_path):
    plain = export_marts(demo_warehouse, tmp_path / "plain")
    key = b"a-test-key-that-is-long-enough"
    hashed = export_marts(demo_warehouse, tmp_path / "hashed", key)
    assert set(plain) == set(BI_MARTS) and plain == hashed
    original = pq.read_table(tmp_path / "plain" / "customer_segments.parquet")
    pseudonymised = pq.read_table(tmp_path / "hashed" / "customer_segments.parquet")
    first_id = original.column("customer_id")[0].as_py()
    expected = hmac.new(key, first_id.encode(), hashlib.sha256).hexdigest()
    assert pseudonymised.column("customer_id")[0].as_py() == expected
    assert not set(original.column("customer_id").to_pylist()) & set(
        pseudonymised.column("customer_id").to_pylist()
    )


def test_make_export_writes_a_campaign_list_per_action_and_a_manifest(demo_warehouse, tmp_path):
    manifest = export_for_crm(demo_warehouse, tmp_path / "crm")
    assert manifest == json.loads((tmp_path / "crm" / "manifest.json").read_text())
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
    assert marts == {f"marts/{mart}.parquet" for mart in BI_MARTS}


def test_exported_lists_that_leave_the_bank_carry_hashed_ids(demo_warehouse, tmp_path):
    key = b"another-key-long-enough"
    clear = export_for_crm(demo_warehouse, tmp_path / "clear")
    hashed = export_for_crm(demo_warehouse, tmp_path / "hashed", key)
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


def test_export_with_a_short_key_stops_before_writing(
    demo_warehouse, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv(HASH_KEY_VARIABLE, "abc")
    out = tmp_path / "never"
    with pytest.raises(SystemExit) as stopped:
        main(["--database", str(demo_warehouse), "--out", str(out), "--hash-customer-ids"])
    assert stopped.value.code == 2 and not out.exists()
    assert "has 3 characters; it needs at least 16" in capsys.readouterr().err


def test_bi_marts_carry_no_personal_data_columns(warehouse_connection):
    for mart in BI_MARTS:
        columns = {r[0] for r in warehouse_connection.sql(f"describe {mart}").fetchall()}
        assert not columns & PERSONAL_DATA_COLUMNS, f"{mart}: {columns & PERSONAL_DATA_COLUMNS}"


def test_docs_generate_works(demo_warehouse, demo_raw):
    result = run_dbt(["docs", "generate"], raw_path=demo_raw, database=demo_warehouse)
    catalog = result.result
    assert catalog is not None and len(catalog.nodes) > 20
