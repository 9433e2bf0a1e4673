"""The staging layer on demo data: everything kept, counts reconcile, show prints the warehouse."""

from __future__ import annotations

import shutil

import duckdb

from bank_segmentation.show import describe
from python_tests.dbt_helpers import run_dbt


def test_clean_demo_data_is_kept_whole(warehouse_connection):
    rejected = warehouse_connection.sql(
        "select sum(rows_rejected), sum(rows_in) from data_quality_row_counts"
    ).fetchall()[0]
    assert rejected[0] == 0
    assert rejected[1] > 0


def test_row_counts_cover_all_six_tables(warehouse_connection):
    tables = {
        r[0]
        for r in warehouse_connection.sql(
            "select table_name from data_quality_row_counts"
        ).fetchall()
    }
    assert tables == {
        "customers",
        "accounts",
        "transactions",
        "balances",
        "loans",
        "loan_applications",
    }


def test_show_names_the_warehouse_and_how_to_query_it(demo_warehouse):
    text = describe(demo_warehouse)
    assert str(demo_warehouse.resolve()) in text
    assert "duckdb -readonly" in text
    assert "transactions" in text


def test_the_staged_balances_test_fails_on_a_duplicated_or_orphan_snapshot(
    demo_warehouse, demo_raw, tmp_path
):
    """Staging cannot produce either (bad rows are quarantined), so the base table is
    tampered with: the singular test must then return both account-dates."""
    database = tmp_path / "tampered.duckdb"
    shutil.copy(demo_warehouse, database)
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            """
            insert into base_core_banking__balances
            select * from (
                select * from base_core_banking__balances where rejection_reason is null
                order by account_id, balance_date limit 1
            )
            union all
            select * replace ('A_NOWHERE' as account_id) from (
                select * from base_core_banking__balances where rejection_reason is null
                order by account_id, balance_date limit 1
            )
            """
        )
    result = run_dbt(
        ["test", "--select", "staged_balances_keep_the_contract"],
        raw_path=demo_raw,
        database=database,
        expect_success=False,
    )
    (test,) = [r for r in result.result if r.node.resource_type == "test"]
    assert str(test.status) == "fail" and test.failures == 2
