"""The DuckDB floor of the benchmark: one group-by of the transactions per customer, and the
cheapest query for each pass over the transactions the project's rules require."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb


def raw_file(raw: Path, table: str) -> str:
    """The DuckDB reader of one table of a demo extract."""
    return f"read_parquet('{raw}/{table}.parquet')"


def seconds_to_run(connection: duckdb.DuckDBPyConnection, query: str) -> float:
    started = time.perf_counter()
    connection.sql(query).fetchall()
    return time.perf_counter() - started


def run_floor(raw: Path) -> float:
    with duckdb.connect() as connection:
        return seconds_to_run(
            connection,
            f"""
            select a.customer_id, sum(t.amount)
            from {raw_file(raw, "transactions")} as t
            inner join {raw_file(raw, "accounts")} as a using (account_id)
            group by a.customer_id
            """,
        )


# The passes over the transactions that the project's rules require of any build, each the
# cheapest query that does it alone: the input contract's unique transaction_id, the
# end-of-day balances (negative_balance_days, the average balance) as a running sum per
# account in day order, and the account-month grain every monthly measure is counted at. Their
# sum is a lower bound for the feature layer with these rules on this engine and machine.
REQUIRED_PASSES = {
    "duplicate keys": """
        select count(*) from (
            select transaction_id from {transactions}
            group by transaction_id having count(*) > 1
        )""",
    "running day balance": """
        select sum(balance) from (
            select sum(day_amount) over (
                partition by account_id order by booked_date
                rows between unbounded preceding and current row
            ) as balance
            from (
                select account_id, cast(booked_at as date) as booked_date,
                    sum(amount) as day_amount
                from {transactions}
                group by account_id, booked_date
            )
        )""",
    "account months": """
        select sum(bookings), sum(amount) from (
            select account_id, date_trunc('month', booked_at) as booked_month,
                count(*) as bookings, sum(amount) as amount
            from {transactions}
            group by account_id, booked_month
        )""",
}


def run_required_passes(raw: Path) -> dict[str, float]:
    """Seconds of each REQUIRED_PASSES query, run as the floor is (one DuckDB connection with
    its defaults, on the same transactions file)."""
    transactions = raw_file(raw, "transactions")
    with duckdb.connect() as connection:
        return {
            name: seconds_to_run(connection, query.format(transactions=transactions))
            for name, query in REQUIRED_PASSES.items()
        }
