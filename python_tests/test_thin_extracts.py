"""Thin extracts still give marts: one transaction per customer, without channels or merchant
codes, covering one or three months of a six-month lookback."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from python_tests.dbt_helpers import run_dbt
from python_tests.messy_extract import copy_raw, read, write

MONTH_ENDS = {1: "2025-01-31", 3: "2025-03-31"}


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


def thin_extract(clean_raw: Path, raw: Path, months: int) -> None:
    """Each customer's first booking on a current account, with no channel or merchant code;
    nothing after the extract's last month."""
    copy_raw(clean_raw, raw)
    accounts = read(raw, "accounts")
    current = accounts.loc[accounts.product_type == "current", ["account_id", "customer_id"]]
    transactions = read(raw, "transactions").merge(current, on="account_id")
    transactions = transactions[transactions.booked_at <= pd.Timestamp(MONTH_ENDS[months])]
    first = transactions.sort_values(["customer_id", "booked_at", "transaction_id"])
    first = first.drop_duplicates("customer_id").drop(columns="customer_id")
    write(raw, "transactions", first.assign(channel=None, merchant_category_code=None))


@pytest.mark.parametrize("months", [1, 3])
def test_a_thin_extract_gives_segments_and_says_what_it_left_out(clean_raw, tmp_path, months):
    raw = tmp_path / "raw"
    thin_extract(clean_raw, raw, months)
    database = tmp_path / "thin.duckdb"
    run_dbt(
        ["build", "--vars", f"{{as_of_date: '{MONTH_ENDS[months]}'}}"],
        raw_path=raw,
        database=database,
    )
    features = query(database, "select * from int_customer_features")
    segments = query(database, "select * from customer_segments")
    assert len(segments) == len(features) > 0
    assert (features.transactions_per_month <= 1).all()
    window = query(database, "select distinct window_months, lookback_months from feature_window")
    assert window.to_dict("records") == [{"window_months": months, "lookback_months": 6}]
    warnings = json.loads(
        query(database, "select warnings_json from segmentation_model").iloc[0, 0]
    )
    if months < 6:
        assert f"the feature window holds {months} of the lookback_months=6 months" in warnings[0]
    left_out = [w for w in warnings if "left out of the fit" in w]
    assert any(w.startswith("online_share:") for w in left_out)  # no channel: no online share
    counts = query(
        database, "select * from data_quality_row_counts where table_name = 'transactions'"
    )
    assert counts.rows_rejected.iloc[0] == 0  # a missing channel is not a rejection
