"""Shared fixtures: one small demo extract and one warehouse built from it per test session."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bank_segmentation.demo_data.generator import DemoConfig, generate
from python_tests.dbt_helpers import PROJECT_DIR, run_dbt
from python_tests.messy_extract import BUILD, MARTS, copy_raw, read, write, write_messy_extract

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
HISTORY_LOOKBACK_MONTHS = 3


def history_vars(as_of: str, mode: str = "fit") -> str:
    """Retrains every month (segmentation_mode fit) so that retrains are tested on it; the
    default, auto, is tested month by month in test_autopilot."""
    return (
        f"{{as_of_date: '{as_of}', lookback_months: {HISTORY_LOOKBACK_MONTHS}, "
        f"segmentation_mode: {mode}}}"
    )


@dataclass(frozen=True)
class History:
    """A warehouse built month end after month end, as a bank runs the project."""

    database: Path
    assignments_by_date: dict[str, pd.DataFrame]
    before_last_month: Path  # a copy of the warehouse as the last monthly build found it
    last_month_raw: Path  # the extract of the last build: with rows that arrived late


# Rows of the last month end's extract that arrived late or were corrected, months before it
LATE_BOOKINGS = ("2025-05-20 12:00", "2025-03-10 09:30")
CORRECTED_PURCHASE_MONTH = "2025-01"
CORRECTED_PURCHASE_FACTOR = 3
CORRECTED_SNAPSHOT_DATE = "2025-02-28"
CORRECTED_SNAPSHOT_CHANGE = 1000


@pytest.fixture(scope="session")
def late_raw(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo extract as it looks a month later: two rows arrived late (LATE_BOOKINGS, in
    May and March), and before them, in place (each month keeps its row count), a January
    purchase was corrected to CORRECTED_PURCHASE_FACTOR times its amount and the February 28
    snapshot of one account by CORRECTED_SNAPSHOT_CHANGE."""
    raw = copy_raw(demo_raw, tmp_path_factory.mktemp("late_raw"))
    transactions = read(raw, "transactions")
    purchases = transactions[
        (transactions.channel == "card_pos") & (transactions.direction == "debit")
    ]
    late = []
    for booked in LATE_BOOKINGS:
        row = purchases.iloc[len(late)].copy()
        row["transaction_id"] = f"T_LATE_{booked[:7]}"
        row["booked_at"] = pd.Timestamp(booked)
        late.append(row)
    corrected = purchases[
        pd.to_datetime(purchases.booked_at).dt.strftime("%Y-%m") == CORRECTED_PURCHASE_MONTH
    ].index[0]
    transactions.loc[corrected, "amount"] = (
        transactions.loc[corrected, "amount"] * CORRECTED_PURCHASE_FACTOR
    )
    write(raw, "transactions", pd.concat([transactions, pd.DataFrame(late)], ignore_index=True))
    balances = read(raw, "balances")
    snapshot = balances[balances.balance_date.astype(str) == CORRECTED_SNAPSHOT_DATE].index[0]
    balances.loc[snapshot, "balance"] = (
        balances.loc[snapshot, "balance"] + CORRECTED_SNAPSHOT_CHANGE
    )
    write(raw, "balances", balances)
    return raw


@pytest.fixture(scope="session")
def history_warehouse(
    demo_raw: Path, late_raw: Path, tmp_path_factory: pytest.TempPathFactory
) -> History:
    """One warehouse built for three consecutive month ends (3-month lookback) in order, as
    `make history` does; the last one on an extract with late rows. With a copy of each
    month's assignments taken right after its build, and of the warehouse before the last."""
    folder = tmp_path_factory.mktemp("history")
    database = folder / "history.duckdb"
    before_last_month = folder / "before_last_month.duckdb"
    assignments_by_date = {}
    for as_of in HISTORY_AS_OF_DATES:
        raw = demo_raw
        if as_of == HISTORY_AS_OF_DATES[-1]:
            shutil.copy(database, before_last_month)
            raw = late_raw
        run_dbt(["build", "--vars", history_vars(as_of)], raw_path=raw, database=database)
        with duckdb.connect(str(database), read_only=True) as connection:
            assignments_by_date[as_of] = connection.sql(
                "select customer_id, segment_id, segment_name from customer_segment_assignments"
            ).df()
    return History(database, assignments_by_date, before_last_month, late_raw)


BERKA_PATH = Path(
    os.environ.get(
        "BANKSEG_BERKA_PATH",
        Path(__file__).resolve().parents[1] / "data" / "berka",
    )
).resolve()
# the features `make berka` clusters Berka on: the Makefile's list, read from there
BERKA_FEATURES = re.search(
    r"^BERKA_FEATURES \?= (\S+)$", (PROJECT_DIR / "Makefile").read_text(), re.MULTILINE
).group(1)


@pytest.fixture(scope="session")
def berka_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole project built on the Berka files, as `make berka` does. No skip: a missing
    folder fails here with the path it looked for."""
    assert (BERKA_PATH / "trans.asc").is_file(), (
        f"Berka data not found at {BERKA_PATH}: the repository keeps it in data/berka "
        "(or set BANKSEG_BERKA_PATH)"
    )
    database = tmp_path_factory.mktemp("berka") / "berka.duckdb"
    variables = (
        "{source_adapter: berka, currency: CZK, as_of_date: '1994-03-30', lookback_months: 6, "
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
