"""A bank's own delivery, month after month (docs/reading_bank_files.md): one delivery
file (deliveries/<name>.yml) describes the files, the build only ever reads their folder, and
every mistake a person makes in the file or the folder stops the build at its start with a
message that names the file or the setting to change.

The deliveries are the project's demo written by its own delivery writer as the example
delivery file describes them (bank_segmentation.demo_data.delivery, --like).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
import yaml

from bank_segmentation.demo_data.delivery import style_from_settings, write_delivery
from bank_segmentation.demo_data.generator import DemoConfig, generate
from python_tests.dbt_helpers import PROJECT_DIR, describe_failure, run_dbt

EXAMPLE = PROJECT_DIR / "deliveries" / "example_bank.yml"
LAST_MONTH_FILE = "transactions/transactions_202506.csv"
# Just what on-run-start checks need to run; a build that passes them builds one small model.
START_ONLY = ["build", "--select", "feature_window", "--exclude", "resource_type:unit_test"]
WHOLE_BUILD = ["build", "--exclude", "resource_type:unit_test"]


def folder_checksum(folder: Path) -> str:
    """Every file's path and bytes under folder, hashed: equal when nothing was written."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def example_settings(folder: Path, **changes: Any) -> dict[str, Any]:
    """The example delivery file's settings for a delivery in folder; a change set to None
    removes the key."""
    settings = {**yaml.safe_load(EXAMPLE.read_text()), "raw_data_path": str(folder), **changes}
    return {key: value for key, value in settings.items() if value is not None}


def build(settings: dict[str, Any], database: Path, args: list[str], **options: Any):
    return run_dbt(
        [*args, "--vars", yaml.safe_dump(settings)],
        raw_path=Path(settings["raw_data_path"]),
        database=database,
        **options,
    )


def refusal(settings: dict[str, Any], database: Path) -> str:
    result = build(settings, database, START_ONLY, expect_success=False)
    assert not result.success
    return " ".join(describe_failure(result).split())


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


@pytest.fixture(scope="module")
def clean_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    generate(DemoConfig(customers=300, seed=7), out, show_progress=False)
    return out


@pytest.fixture(scope="module")
def delivery(clean_extract: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as the example bank delivers it: Windows-1252, ';', day-first dates, '2.487,20',
    its own channel codes, transactions in one file per month. Only read by the tests."""
    style = style_from_settings(
        yaml.safe_load(EXAMPLE.read_text()), monthly_tables=("transactions",)
    )
    return write_delivery(clean_extract, tmp_path_factory.mktemp("example_bank"), style)


@pytest.fixture
def own_copy(delivery: Path, tmp_path: Path) -> Path:
    """A copy of the delivery a test may break."""
    return Path(shutil.copytree(delivery, tmp_path / "delivery"))


def test_a_delivery_builds_month_after_month_from_its_file_and_its_folder_is_only_read(
    clean_extract: Path, own_copy: Path, tmp_path: Path
):
    june = own_copy / LAST_MONTH_FILE
    held_back = june.read_bytes()
    june.unlink()
    database = tmp_path / "bank.duckdb"
    log = database.parent / "logs" / "dbt.log"
    settings = example_settings(own_copy)

    before = folder_checksum(own_copy)
    build(settings, database, WHOLE_BUILD)
    assert folder_checksum(own_copy) == before
    assert "As-of date 2025-05-31: the last complete month: the last booking" in log.read_text()
    assert "Segmentation on 2025-05-31: fit" in log.read_text()

    june.write_bytes(held_back)  # next month's file arrives; the same file, the same command
    before = folder_checksum(own_copy)
    build(settings, database, WHOLE_BUILD)
    assert folder_checksum(own_copy) == before
    assert "As-of date 2025-06-30: the last complete month" in log.read_text()
    assert "Segmentation on 2025-06-30: score" in log.read_text()

    # the bank's POS and ECOM were read as the contract's card_pos and card_online, counted
    mapped = query(database, "select * from data_quality_mapped_codes order by delivered_code")
    planted = query(
        database,
        f"select channel, count(*) as n from '{clean_extract}/transactions.parquet' "
        "where channel in ('card_pos', 'card_online') group by channel order by channel desc",
    )
    assert list(mapped.delivered_code) == ["ecom", "pos"]
    assert list(mapped.contract_code) == ["card_online", "card_pos"]
    assert list(mapped.rows_mapped) == list(planted.n[::-1])
    assert query(database, "select count(*) as n from quarantined_rows").n[0] == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"raw_decimal_seperator": ","},
            "unknown setting 'raw_decimal_seperator' (in --vars or the delivery file): "
            "did you mean 'raw_decimal_separator'?",
        ),
        (
            {"raw_table_settings": {"customers": {"raw_date_fromat": "%d/%m/%Y"}}},
            "raw_table_settings.customers: 'raw_date_fromat' is not a reading setting: "
            "did you mean 'raw_date_format'?",
        ),
        (
            {"raw_table_settings": {"customer": {"raw_date_format": "%d/%m/%Y"}}},
            "raw_table_settings: 'customer' is not a raw table: did you mean 'customers'?",
        ),
        (
            {"raw_code_mappings": {"transactions": {"chanel": {"POS": "card_pos"}}}},
            "raw_code_mappings.transactions: 'chanel' is not a coded column of transactions: "
            "did you mean 'channel'?",
        ),
        (
            {"raw_code_mappings": {"transactions": {"channel": {"POS": "card"}}}},
            "raw_code_mappings.transactions.channel: 'POS' is mapped to 'card', which is not a "
            "contract code. Rule: a bank's code maps to one of card_pos, card_online, atm,",
        ),
        (
            {"raw_timestamp_format": None},
            "raw table 'transactions': column 'booked_at' holds values that do not read with "
            "raw_date_format '%d/%m/%y'",
        ),
        (
            {"raw_file_format": "parquet"},
            "customers.csv: set raw_file_format to csv.",
        ),
    ],
    ids=[
        "misspelled-setting",
        "misspelled-table-setting",
        "misspelled-table",
        "misspelled-coded-column",
        "mapped-to-no-contract-code",
        "timestamp-format-forgotten",
        "wrong-format",
    ],
)
def test_a_mistake_in_the_delivery_file_stops_the_build_naming_what_to_change(
    delivery: Path, tmp_path: Path, changes: dict[str, Any], expected: str
):
    before = folder_checksum(delivery)
    assert expected in refusal(example_settings(delivery, **changes), tmp_path / "w.duckdb")
    assert folder_checksum(delivery) == before


def drop_column(path: Path, column: str) -> None:
    frame = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    frame.drop(columns=[column]).to_csv(path, sep=";", encoding="cp1252", index=False)


def header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda folder: (folder / LAST_MONTH_FILE).write_bytes(b""),
            "transactions_202506.csv is empty (0 bytes, not even a header)",
        ),
        (
            lambda folder: header_only(folder / LAST_MONTH_FILE),
            "transactions_202506.csv holds no row (a header only)",
        ),
        (
            lambda folder: header_only(folder / "customers.csv"),
            "customers.csv holds no row (a header only). Rule: customers, accounts, "
            "transactions hold rows in every delivered file",
        ),
        (
            lambda folder: drop_column(folder / "transactions/transactions_202503.csv", "amount"),
            "transactions_202503.csv lacks column amount (its columns: transaction_id,",
        ),
    ],
    ids=["zero-byte-month-file", "header-only-month-file", "header-only-customers", "column-gone"],
)
def test_an_empty_file_or_a_file_short_of_a_column_stops_the_build_naming_the_file(
    own_copy: Path, tmp_path: Path, damage, expected: str
):
    damage(own_copy)
    before = folder_checksum(own_copy)
    message = refusal(example_settings(own_copy), tmp_path / "w.duckdb")
    assert expected in message
    assert folder_checksum(own_copy) == before


def test_an_empty_loans_file_and_a_month_without_transactions_warn_naming_them(
    own_copy: Path, tmp_path: Path
):
    header_only(own_copy / "loans.csv")
    (own_copy / "transactions/transactions_202503.csv").unlink()
    database = tmp_path / "w.duckdb"
    result = build(
        example_settings(own_copy),
        database,
        [
            "build",
            "--select",
            "+data_quality_raw_files",
            "+int_transaction_months_counted",
            "--exclude",
            "resource_type:unit_test",
            "--indirect-selection",
            "cautious",
        ],
    )
    warned = {r.node.name for r in result.result.results if str(r.status) == "warn"}
    assert warned == {"delivered_files_hold_rows", "feature_window_months_hold_transactions"}
    log = (database.parent / "logs" / "dbt.log").read_text()
    assert f"raw table 'loans': {own_copy}/loans.csv holds no row (a header only)" in log
    assert "the feature window's month 2025-03 holds no transaction while its other" in log


def make(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """make, as a person's shell calls it (make test exports the demo's BANKSEG_* settings to
    pytest: left out here)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BANKSEG_", "DBT_"))}
    return subprocess.run(
        ["make", *args], cwd=PROJECT_DIR, capture_output=True, text=True, check=check, env=env
    )


def make_dry_run(*args: str) -> str:
    return make("-n", *args).stdout


def test_make_build_generates_demo_data_only_for_the_demo(tmp_path: Path):
    own = make_dry_run("build", "DELIVERY=deliveries/example_bank.yml", "DEMO_DATA_PATH=/none")
    assert "bank_segmentation.generate" not in own
    assert '--vars "$(cat deliveries/example_bank.yml)"' in own
    assert "warehouse/example_bank.duckdb" in own
    elsewhere = make_dry_run("build", f"BANKSEG_RAW_DATA_PATH={tmp_path}", "DEMO_DATA_PATH=/none")
    assert "bank_segmentation.generate" not in elsewhere
    demo = make_dry_run("build", f"DEMO_DATA_PATH={tmp_path}")
    command = " ".join(demo.replace("\\\n", " ").split())
    assert f"generate --customers 10000 --months 6 --seed 42 --out {tmp_path}" in command


def test_make_build_refuses_a_delivery_file_that_is_missing_or_names_no_folder(tmp_path: Path):
    without_folder = tmp_path / "mybank.yml"
    without_folder.write_text("raw_file_format: csv\n")
    for delivery, expected in [
        (without_folder, "names no raw_data_path"),
        (tmp_path / "missing.yml", "no delivery file"),
    ]:
        made = make("build", f"DELIVERY={delivery}", check=False)
        assert made.returncode != 0
        assert expected in made.stderr
