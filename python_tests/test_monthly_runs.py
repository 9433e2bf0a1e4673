"""Monthly runs: the month-incremental build of a new month end equals a --full-refresh build,
late rows included, and repeated builds leave nothing behind in the warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from bank_segmentation.engine_comparison import compare_frames, read_duckdb_table
from python_tests.conftest import (
    CORRECTED_SNAPSHOT_CHANGE,
    HISTORY_AS_OF_DATES,
    history_vars,
)
from python_tests.dbt_helpers import bi_marts, run_dbt
from python_tests.messy_extract import read

# The tables the last monthly build writes from the month batches up to the BI marts (which
# are compared as the models tagged bi).
BUILT_TABLES = (
    "int_transaction_months_counted",
    "int_customer_months_aggregated",
    "int_account_months_balanced",
    "int_account_window_months_filled",
    "int_customers_rfm_scored",
    "int_customer_features",
    "segmentation_model",
    "customer_segment_assignments",
    "customer_segment_reasons",
    "segment_drift_bins",
    "quarantined_rows",
)


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).fetchall()


@pytest.fixture(scope="module")
def full_refresh_warehouse(history_warehouse, tmp_path_factory) -> Path:
    """The warehouse before the last month end, built for it with --full-refresh instead."""
    database = tmp_path_factory.mktemp("full_refresh") / "full.duckdb"
    shutil.copy(history_warehouse.before_last_month, database)
    run_dbt(
        ["build", "--full-refresh", "--vars", history_vars(HISTORY_AS_OF_DATES[-1])],
        raw_path=history_warehouse.last_month_raw,
        database=database,
    )
    return database


def monthly_and_full_refresh_differences(history_warehouse, full_refresh_warehouse, table):
    comparison = compare_frames(
        table,
        read_duckdb_table(full_refresh_warehouse, table),
        read_duckdb_table(history_warehouse.database, table),
    )
    return comparison.differences if not comparison.agrees else None


@pytest.mark.parametrize("table", BUILT_TABLES)
def test_the_monthly_build_equals_a_full_refresh(history_warehouse, full_refresh_warehouse, table):
    differences = monthly_and_full_refresh_differences(
        history_warehouse, full_refresh_warehouse, table
    )
    assert differences is None, differences


def test_every_bi_mart_of_the_monthly_build_equals_a_full_refresh(
    history_warehouse, full_refresh_warehouse
):
    marts = bi_marts(full_refresh_warehouse.parent / "target" / "manifest.json")
    assert "customer_segments" in marts
    differences = {
        mart: monthly_and_full_refresh_differences(history_warehouse, full_refresh_warehouse, mart)
        for mart in marts
    }
    assert not {mart: found for mart, found in differences.items() if found}, differences


def test_late_rows_are_counted_in_their_month(history_warehouse):
    """T_LATE_2025-05 and T_LATE_2025-03, booked months before the as-of month (June), reach
    the monthly aggregates: their months' fingerprints changed."""
    database = history_warehouse.database
    before = dict(
        query(
            history_warehouse.before_last_month,
            "select booked_month_start_date, sum(transaction_count) "
            "from int_customer_months_aggregated group by 1",
        )
    )
    after = dict(
        query(
            database,
            "select booked_month_start_date, sum(transaction_count) "
            "from int_customer_months_aggregated group by 1",
        )
    )
    changed = {
        str(month): after[month] - before[month]
        for month in before
        if after[month] != before[month]
    }
    assert changed == {"2025-03-01": 1, "2025-05-01": 1}


def month_totals(database: Path, sql: str) -> dict[str, float]:
    return {str(month): float(total) for month, total in query(database, sql)}


def test_corrections_that_keep_a_months_row_count_reach_their_month(history_warehouse, demo_raw):
    """A purchase corrected in place in January and a snapshot corrected in place on February
    28 (neither changes its month's row count; both months come before the late rows of
    March) reach the month tables: each month's checksum changed, so it was rebuilt."""
    before_raw = read(demo_raw, "transactions").set_index("transaction_id").amount
    after_raw = read(history_warehouse.last_month_raw, "transactions")
    after_raw = after_raw.set_index("transaction_id").amount.loc[before_raw.index]
    corrected = (after_raw - before_raw)[after_raw != before_raw]
    spend = (
        "select booked_month_start_date, sum(spend_amount) "
        "from int_customer_months_aggregated group by 1"
    )
    closing = (
        "select booked_month_start_date, sum(closing_balance_amount) "
        "from int_account_months_balanced group by 1"
    )
    spend_before = month_totals(history_warehouse.before_last_month, spend)
    spend_after = month_totals(history_warehouse.database, spend)
    closing_before = month_totals(history_warehouse.before_last_month, closing)
    closing_after = month_totals(history_warehouse.database, closing)
    assert len(corrected) == 1
    assert spend_after["2025-01-01"] - spend_before["2025-01-01"] == pytest.approx(
        float(corrected.iloc[0])
    )
    assert spend_after["2025-02-01"] == pytest.approx(spend_before["2025-02-01"])
    assert closing_after["2025-02-01"] - closing_before["2025-02-01"] == pytest.approx(
        CORRECTED_SNAPSHOT_CHANGE
    )


def test_builds_leave_no_temporary_tables(history_warehouse):
    """Three builds, two of them incremental runs of the Python model registry."""
    tables = [
        name
        for (name,) in query(
            history_warehouse.database, "select table_name from information_schema.tables"
        )
    ]
    assert "segmentation_model" in tables
    assert [name for name in tables if "__dbt_tmp" in name] == []
