"""Shared fixtures: one small demo extract and one warehouse built from it per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bank_segmentation.demo_data.generator import DemoConfig, generate
from python_tests.dbt_helpers import run_dbt
from python_tests.messy_extract import BUILD, MARTS, write_messy_extract

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


BERKA_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "berka"
BERKA_FEATURES = (
    "transactions_per_month,recurring_income_amount,average_deposit_balance_amount,"
    "deposit_balance_trend_amount,online_share,cash_share,cash_withdrawal_per_month_amount,"
    "negative_balance_days,outstanding_principal_amount"
)


@pytest.fixture(scope="session")
def berka_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole project built on the Berka files, as `make berka` does. No skip: a missing
    folder fails here with the path it looked for."""
    assert (BERKA_PATH / "trans.asc").is_file(), (
        f"Berka data not found at {BERKA_PATH}: the repository expects ../shared/data/berka "
        "beside it (or set BANKSEG_BERKA_PATH)"
    )
    database = tmp_path_factory.mktemp("berka") / "berka.duckdb"
    variables = (
        "{source_adapter: berka, as_of_date: '1994-03-30', lookback_months: 6, "
        f"segmentation_features: '{BERKA_FEATURES}'}}"
    )
    run_dbt(
        ["--warn-error", "build", "--vars", variables],
        raw_path=BERKA_PATH,
        database=database,
        extra_env={"BANKSEG_BERKA_PATH": str(BERKA_PATH)},
    )
    return database


@pytest.fixture(scope="session")
def clean_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny demo extract (600 customers, 3 months) for the bad-input cases."""
    out = tmp_path_factory.mktemp("clean_raw")
    generate(DemoConfig(customers=600, months=3), out, show_progress=False)
    return out


@pytest.fixture(scope="session")
def messy_raw(clean_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("messy_raw")
    write_messy_extract(clean_raw, raw)
    return raw


@pytest.fixture(scope="session")
def messy_warehouse(messy_raw: Path, tmp_path_factory: pytest.TempPathFactory):
    """The messy extract built twice in a row; with the marts of the first build."""
    database = tmp_path_factory.mktemp("messy") / "messy.duckdb"
    run_dbt(BUILD, raw_path=messy_raw, database=database)
    with duckdb.connect(str(database), read_only=True) as connection:
        first_build = {mart: connection.sql(f"select * from {mart}").df() for mart in MARTS}
    run_dbt(BUILD, raw_path=messy_raw, database=database)
    return database, first_build
