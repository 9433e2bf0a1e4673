"""The staging layer on demo data: everything kept, counts reconcile, show prints the warehouse."""

from __future__ import annotations

from bank_segmentation.show import describe


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
