"""Messy raw extracts. Each case has one of two outcomes (docs/reading_bank_files.md, "Bad
input, reruns and privacy"):

- fatal: the build stops before anything runs, with a message naming table, column and rule;
- row-level: the row is quarantined with its reason, counted in the data-quality marts, and
  the rest builds.

Over 300 lines on purpose: one case per kind of bad input, all on one shared extract.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bank_segmentation.demo_data.generator import SCHEMAS
from python_tests.dbt_helpers import describe_failure, run_dbt
from python_tests.messy_extract import AS_OF, BUILD, copy_raw, read, write


def as_csv(source: Path, target: Path, delimiter: str) -> Path:
    """The same extract as CSV files."""
    target.mkdir()
    with duckdb.connect() as connection:
        for table in SCHEMAS:
            connection.execute(
                f"copy (select * from read_parquet('{source}/{table}.parquet')) "
                f"to '{target}/{table}.csv' (header, delimiter '{delimiter}')"
            )
    return target


def failure_message(raw: Path, database: Path, args=BUILD, extra_env=None) -> str:
    result = run_dbt(
        args, raw_path=raw, database=database, extra_env=extra_env, expect_success=False
    )
    assert not result.success
    return describe_failure(result)


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


# --- fatal: wrong files or schema, unusable config ------------------------------------------


def test_missing_table_file_is_fatal(clean_raw, tmp_path):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    (raw / "transactions.parquet").unlink()
    message = failure_message(raw, tmp_path / "w.duckdb")
    assert (
        f"raw table 'transactions': no file {raw}/transactions.parquet and no .parquet file in "
        f"folder {raw}/transactions/"
    ) in message
    assert "all six tables of the raw input contract must exist" in message


def test_a_table_as_a_file_and_a_folder_at_once_is_fatal(clean_raw, tmp_path):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    (raw / "loans").mkdir()
    shutil.copy(raw / "loans.parquet", raw / "loans" / "loans_2025.parquet")
    message = failure_message(raw, tmp_path / "w.duckdb")
    assert f"raw table 'loans': both {raw}/loans.parquet and folder {raw}/loans/ exist" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda f: f.rename(columns={"amount": "amt"}),
            "raw table 'transactions': column 'amount' is missing",
        ),
        (
            lambda f: f.drop(columns=["description"]),
            "raw table 'transactions': column 'description' is missing",
        ),
    ],
)
def test_renamed_or_missing_column_is_fatal(clean_raw, tmp_path, change, expected):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    frame = change(read(raw, "transactions"))
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), raw / "transactions.parquet")
    message = failure_message(raw, tmp_path / "w.duckdb")
    assert expected in message and "Rule: the raw input contract names every column" in message


def test_column_of_the_wrong_type_is_fatal(clean_raw, tmp_path):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    frame = read(raw, "transactions")
    frame["booked_at"] = True
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), raw / "transactions.parquet")
    message = failure_message(raw, tmp_path / "w.duckdb")
    assert (
        "raw table 'transactions': column 'booked_at' has type BOOLEAN. "
        "Rule: expected timestamp or date or text."
    ) in message


def test_unusable_segmentation_config_is_fatal(clean_raw, tmp_path):
    args = ["build", "--vars", f"{{as_of_date: '{AS_OF}', segmentation_mode: refit}}"]
    message = failure_message(clean_raw, tmp_path / "w.duckdb", args=args)
    assert "segmentation_mode: 'refit' is not one of auto, fit, score" in message


@pytest.mark.parametrize("kept_customers", [1, 2])
def test_fewer_customers_than_the_smallest_k_is_fatal(clean_raw, tmp_path, kept_customers):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    customers = read(raw, "customers")
    customers = customers[customers.onboarded_date < pd.Timestamp("2025-01-01").date()]
    keep = set(customers.customer_id.iloc[:kept_customers])
    write(raw, "customers", customers[customers.customer_id.isin(keep)])
    accounts = read(raw, "accounts")
    accounts = accounts[accounts.customer_id.isin(keep)]
    write(raw, "accounts", accounts)
    for table, key, parents in (
        ("transactions", "account_id", accounts.account_id),
        ("balances", "account_id", accounts.account_id),
        ("loans", "customer_id", keep),
        ("loan_applications", "customer_id", keep),
    ):
        frame = read(raw, table)
        write(raw, table, frame[frame[key].isin(set(parents))])
    message = failure_message(raw, tmp_path / "w.duckdb")
    assert f"fewer customers ({kept_customers}) than the smallest k (3)" in message


def test_non_utf8_csv_is_fatal_unless_the_encoding_is_named(clean_raw, tmp_path):
    raw = as_csv(clean_raw, tmp_path / "csv", delimiter=",")
    customers = (raw / "customers.csv").read_text(encoding="utf-8")
    customers = customers.replace(",Capital,", ",Zürich,", 1)
    (raw / "customers.csv").write_bytes(customers.encode("latin-1"))
    env = {"BANKSEG_RAW_FILE_FORMAT": "csv"}
    message = failure_message(raw, tmp_path / "w.duckdb", extra_env=env)
    assert f"raw table 'customers': {raw}/customers.csv is not UTF-8 text" in message
    database = tmp_path / "latin1.duckdb"
    run_dbt(
        [
            "run",
            "--select",
            "+stg_core_banking__customers",
            "--vars",
            "{raw_csv_encoding: latin-1}",
        ],
        raw_path=raw,
        database=database,
        extra_env=env,
    )
    regions = query(database, "select distinct region from stg_core_banking__customers")
    assert "Zürich" in set(regions.region)


# --- row-level: quarantined with a reason, counted, the rest builds ---------------------------


EXPECTED_REJECTIONS = {
    ("customers", "customer_id is duplicated"): 1,
    ("customers", "customer_id is null"): 1,
    ("customers", "gender is not F or M"): 1,
    ("accounts", "customer_id not found in customers"): 1,
    (
        "accounts",
        "product_type is not one of current, savings, credit_card, loan, term_deposit"
        " (or mapped in raw_code_mappings)",
    ): 1,
    ("transactions", "amount is not positive"): 2,
    ("transactions", "amount exceeds max_plausible_amount"): 1,
    ("transactions", "direction is not one of debit, credit (or mapped in raw_code_mappings)"): 1,
    (
        "transactions",
        "channel is not one of card_pos, card_online, atm, branch, transfer, direct_debit,"
        " standing_order, interest, fee (or mapped in raw_code_mappings)",
    ): 1,
    ("transactions", "transaction_id is null"): 1,
    ("transactions", "transaction_id is duplicated"): 1,
    ("transactions", "account_id not found in accounts"): 1,
    ("transactions", "booked_at is before the account was opened"): 1,
    ("balances", "account_id and balance_date are duplicated"): 1,
    ("balances", "account_id and balance_date delivered again (a copy of the row kept)"): 1,
    (
        "loans",
        "status is not one of current, late, default, closed (or mapped in raw_code_mappings)",
    ): 1,
    ("loan_applications", "requested_amount is not positive"): 1,
}


def test_every_bad_row_is_quarantined_with_its_reason_and_counted(messy_warehouse):
    database, *_ = messy_warehouse
    counted = query(database, "select * from data_quality_rejections")
    actual = {(r.table_name, r.rejection_reason): r.rows_rejected for r in counted.itertuples()}
    assert actual == EXPECTED_REJECTIONS
    quarantined = query(database, "select * from quarantined_rows")
    assert len(quarantined) == sum(EXPECTED_REJECTIONS.values())
    negative = quarantined[quarantined.record_key == "T_NEGATIVE"].raw_record.iloc[0]
    assert '"amount":-12.5' in negative.replace(" ", "")


def test_raw_rows_reconcile_per_table(messy_warehouse):
    database, *_ = messy_warehouse
    counts = query(database, "select * from data_quality_row_counts")
    assert (
        counts.rows_in
        == counts.rows_kept
        + counts.rows_rejected
        + counts.rows_redelivered
        + counts.rows_after_as_of_date
    ).all()
    rejected = counts.set_index("table_name").rows_rejected.to_dict()
    for (table, _), rows in EXPECTED_REJECTIONS.items():
        assert rejected[table] >= rows


def test_the_rest_builds_and_edge_customers_get_a_segment(messy_warehouse):
    database, *_ = messy_warehouse
    segments = query(database, "select customer_id, segment_name from customer_segments")
    assert "C_SINGLE" in set(segments.customer_id)  # a single transaction is enough
    outlier_owner = query(
        database,
        """
        select a.customer_id from stg_core_banking__transactions t
        inner join stg_core_banking__accounts a using (account_id)
        where t.transaction_id = 'T_OUTLIER'
    """,
    ).customer_id.iloc[0]
    assert outlier_owner in set(segments.customer_id)
    shares = query(database, "select min(customer_share) as smallest from segment_summary")
    assert shares.smallest.iloc[0] >= 0.02  # the outlier did not get a segment of its own


def test_transactions_after_the_as_of_date_are_staged_but_left_for_a_later_build(
    messy_warehouse,
):
    database, *_ = messy_warehouse
    staged = query(
        database,
        "select count(*) as n from stg_core_banking__transactions "
        "where transaction_id = 'T_FUTURE'",
    )
    assert staged.n.iloc[0] == 1
    counts = query(
        database,
        "select rows_after_as_of_date from data_quality_row_counts "
        "where table_name = 'transactions'",
    )
    assert counts.rows_after_as_of_date.iloc[0] == 1
    months = query(
        database,
        "select max(processed_through_date) as last_day from int_customer_months_aggregated",
    )
    assert str(months.last_day.iloc[0])[:10] == AS_OF


def test_two_consecutive_builds_give_identical_marts(messy_warehouse):
    database, first_build, *_ = messy_warehouse
    for mart, before in first_build.items():
        after = query(database, f"select * from {mart}")
        key = list(before.columns[: min(3, len(before.columns))])
        pd.testing.assert_frame_equal(
            before.sort_values(key).reset_index(drop=True),
            after.sort_values(key).reset_index(drop=True),
            obj=mart,
        )


def test_csv_with_another_delimiter_a_bom_and_malformed_rows(clean_raw, tmp_path):
    raw = as_csv(clean_raw, tmp_path / "csv", delimiter=";")
    path = raw / "transactions.csv"
    text = path.read_text(encoding="utf-8")
    account = text.splitlines()[1].split(";")[1]
    first_bad_line = len(text.splitlines()) + 1  # the header is line 1
    text += f"T_SHORT;{account};2025-02-10 10:00:00\n"  # too few fields
    text += f"T_TEXT;{account};2025-02-10 10:00:00;abc;debit;atm;6011;CASH\n"  # not a number
    text += f"T_EXTRA;{account};2025-02-10 10:00:00;5;debit;atm;6011;CASH;surplus\n"
    text += f"T_CUT;{account};2025-02-1"  # the file cut in the middle of its last line
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # byte-order mark
    database = tmp_path / "csv.duckdb"
    staging_only = [
        "build",
        "--select",
        "path:models/staging",
        "+quarantined_rows",
        "+data_quality_row_counts",
        "--exclude",
        "resource_type:unit_test",
    ]
    run_dbt(
        staging_only, raw_path=raw, database=database, extra_env={"BANKSEG_RAW_FILE_FORMAT": "csv"}
    )
    rejected = query(database, "select record_key, rejection_reason from quarantined_rows")
    missing = "line does not parse: missing columns: Expected Number of Columns: 8 Found: 3"
    assert dict(zip(rejected.record_key, rejected.rejection_reason, strict=True)) == {
        f"line {first_bad_line}": missing,
        "T_TEXT": "amount is not a number",
        f"line {first_bad_line + 2}": "line does not parse: too many columns: Expected Number "
        "of Columns: 8 Found: 9",
        f"line {first_bad_line + 3}": missing,
    }
    raw_lines = query(database, "select raw_line from unparsed_raw_lines order by line_number")
    assert raw_lines.raw_line.tolist()[-1] == f"T_CUT;{account};2025-02-1"
    counts = query(
        database, "select * from data_quality_row_counts where table_name = 'transactions'"
    )
    assert counts.rows_in.iloc[0] == len(text.splitlines()) - 1  # every line is counted
    staged = query(database, "select count(*) as n from stg_core_banking__transactions").n[0]
    assert staged == len(read(clean_raw, "transactions"))


def empty_like(folder: Path, table: str) -> None:
    pq.write_table(SCHEMAS[table].empty_table(), folder / f"{table}.parquet")


# balances alone (a bank without snapshots) and all three at once; loans or applications alone
# run the same empty-input paths as all three (and the dbt unit test
# empty_optional_tables_give_zeros_not_gaps checks them at SQL level), at ~25 s a build.
@pytest.mark.parametrize(
    "empty_tables",
    [("balances",), ("balances", "loans", "loan_applications")],
    ids=["balances", "all_three"],
)
def test_empty_optional_tables_build_with_zero_features(clean_raw, tmp_path, empty_tables):
    raw = copy_raw(clean_raw, tmp_path / "raw")
    for table in empty_tables:
        empty_like(raw, table)
    database = tmp_path / "optional.duckdb"
    run_dbt(BUILD, raw_path=raw, database=database)
    features = query(database, "select * from int_customer_features")
    assert len(features) > 0
    assert len(query(database, "select * from customer_segments")) == len(features)
    if "loans" in empty_tables:
        assert (features.loans_held_count == 0).all()
        assert (features.outstanding_principal_amount == 0).all()
    if "loan_applications" in empty_tables:
        assert (features.loan_application_count == 0).all()
    if "balances" in empty_tables:
        rebuilt = query(
            database,
            "select bool_and(is_reconstructed) as all_rebuilt from int_account_months_balanced",
        )
        assert rebuilt.all_rebuilt.iloc[0]


def test_every_table_empty_stops_the_build_before_any_model(tmp_path):
    """A delivery of headers only (here Parquet) is refused at the start, naming the first
    table that must hold rows; nothing is built from it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for table in SCHEMAS:
        empty_like(raw, table)
    database = tmp_path / "empty.duckdb"
    message = failure_message(raw, database)
    assert f"raw table 'customers': {raw}/customers.parquet holds no row (a header only)" in message
    with duckdb.connect(str(database), read_only=True) as connection:
        built = connection.sql("select table_name from information_schema.tables").fetchall()
    assert ("customer_segments",) not in built
