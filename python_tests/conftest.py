"""Shared fixtures: one small demo extract and one warehouse built from it per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bank_segmentation.demo_data.generator import DemoConfig, generate
from python_tests.dbt_helpers import run_dbt

TEST_CUSTOMERS = 3_000


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo extract (3,000 customers, 6 months), generated once per session."""
    out = tmp_path_factory.mktemp("demo_raw")
    generate(DemoConfig(customers=TEST_CUSTOMERS), out, show_progress=False)
    return out


@pytest.fixture(scope="session")
def demo_warehouse(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built on the small demo extract with `dbt build --warn-error`."""
    database = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    run_dbt(["--warn-error", "build"], raw_path=demo_raw, database=database)
    yield database


@pytest.fixture
def warehouse_connection(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


HISTORY_AS_OF_DATES = ("2025-04-30", "2025-05-31", "2025-06-30")


@pytest.fixture(scope="session")
def history_warehouse(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory):
    """One warehouse built for three consecutive month ends (3-month lookback), in order, as
    `make history` does; with a copy of each month's assignments taken right after its build."""
    database = tmp_path_factory.mktemp("history") / "history.duckdb"
    assignments_by_date = {}
    for as_of in HISTORY_AS_OF_DATES:
        run_dbt(
            ["build", "--vars", f"{{as_of_date: '{as_of}', lookback_months: 3}}"],
            raw_path=demo_raw,
            database=database,
        )
        with duckdb.connect(str(database), read_only=True) as connection:
            assignments_by_date[as_of] = connection.sql(
                "select customer_id, segment_id, segment_name from customer_segment_assignments"
            ).df()
    return database, assignments_by_date
