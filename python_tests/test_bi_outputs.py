"""What BI tools get: Parquet exports (optionally pseudonymised), docs, and no personal data."""

from __future__ import annotations

import hashlib
import hmac

import pyarrow.parquet as pq

from bank_segmentation.export import BI_MARTS, export_marts
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


def test_bi_marts_carry_no_personal_data_columns(warehouse_connection):
    for mart in BI_MARTS:
        columns = {r[0] for r in warehouse_connection.sql(f"describe {mart}").fetchall()}
        assert not columns & PERSONAL_DATA_COLUMNS, f"{mart}: {columns & PERSONAL_DATA_COLUMNS}"


def test_docs_generate_works(demo_warehouse, demo_raw):
    result = run_dbt(["docs", "generate"], raw_path=demo_raw, database=demo_warehouse)
    catalog = result.result
    assert catalog is not None and len(catalog.nodes) > 20
