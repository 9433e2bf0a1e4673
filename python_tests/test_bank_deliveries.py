"""Real bank files as delivered (docs/reading_bank_files.md): the demo extract written
in a bank's conventions by the project's own helper (bank_segmentation.demo_data.delivery), so
the right values are known. Each delivery either builds with the clean extract's features or
stops with a message naming the table, the column, the rule and the setting.

Over 300 lines on purpose: one test per convention of a delivered file, sharing fixtures.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from bank_segmentation.demo_data.delivery import DECORATION, DeliveryStyle, write_delivery
from python_tests.dbt_helpers import describe_failure, run_dbt

CSV = {"BANKSEG_RAW_FILE_FORMAT": "csv"}
# The features and what staging reads, without the fit and the marts (the clean build has them).
FEATURES = [
    "build",
    "--select",
    "+int_customer_features",
    "+data_quality_row_counts",
    "data_quality_raw_files",
    "data_quality_nulled_values",
    "--exclude",
    "resource_type:unit_test",
    "--indirect-selection",
    "cautious",
]
STAGING = [
    "build",
    "--select",
    "path:models/staging",
    "+quarantined_rows",
    "+data_quality_row_counts",
    "+data_quality_rejections",
    "data_quality_nulled_values",
    "--exclude",
    "resource_type:unit_test",
    "--indirect-selection",
    "cautious",
]


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


def vars_arg(settings: dict[str, object]) -> list[str]:
    return ["--vars", repr(settings)]


def features(database: Path) -> pd.DataFrame:
    return query(database, "select * from int_customer_features order by customer_id")


def assert_features_equal(database: Path, clean: Path) -> None:
    pd.testing.assert_frame_equal(
        features(database), features(clean), check_exact=False, rtol=1e-9, atol=1e-9
    )


def failure(raw: Path, database: Path, args: list[str]) -> str:
    result = run_dbt(args, raw_path=raw, database=database, extra_env=CSV, expect_success=False)
    assert not result.success
    return describe_failure(result)


# --- deliveries that build with the clean extract's features --------------------------------

WINDOWS_1252_MONTHLY = DeliveryStyle(
    encoding="cp1252",
    delimiter=";",
    date_format="%d/%m/%y",
    date_format_by_table={"customers": "%d/%m/%Y"},  # birth years need four digits
    timestamp_format="%d/%m/%y %H:%M:%S",
    decimal_separator=",",
    thousands_separator=".",
    line_terminator="\r\n",
    decorated_descriptions=True,
    monthly_tables=("transactions",),
    first_month_lacks=("transactions", "description"),
    never_delivered=(("customers", "marketing_consent"),),  # as most banks' extracts
)
WINDOWS_1252_SETTINGS = {
    "raw_csv_encoding": "cp1252",
    "raw_csv_delimiter": ";",
    "raw_date_format": "%d/%m/%y",
    "raw_timestamp_format": "%d/%m/%y %H:%M:%S",
    "raw_decimal_separator": ",",
    "raw_thousands_separator": ".",
    "raw_table_settings": {"customers": {"raw_date_format": "%d/%m/%Y"}},
}


@pytest.fixture(scope="module")
def windows_1252_delivery(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_delivery(demo_raw, tmp_path_factory.mktemp("cp1252"), WINDOWS_1252_MONTHLY)


def test_windows_1252_semicolons_day_first_dates_and_monthly_files_read_right(
    windows_1252_delivery: Path, demo_warehouse: Path, tmp_path: Path
):
    database = tmp_path / "w.duckdb"
    with_conditions = [*FEATURES[:2], "int_customer_campaign_conditions", *FEATURES[2:]]
    run_dbt(
        [*with_conditions, *vars_arg(WINDOWS_1252_SETTINGS)],
        raw_path=windows_1252_delivery,
        database=database,
        extra_env=CSV,
    )
    assert_features_equal(database, demo_warehouse)
    # no marketing_consent column at all: it builds, and consent is not checked
    consent = query(
        database,
        "select bool_or(is_marketing_consent_delivered) as delivered, "
        "count(marketing_consent) as values_read from stg_core_banking__customers",
    )
    assert not consent.delivered[0] and consent.values_read[0] == 0
    refused = query(
        database,
        "select count(*) as n from int_customer_campaign_conditions "
        "where reason = 'no_marketing_consent'",
    )
    assert refused.n[0] == 0
    assert query(database, "select count(*) as n from quarantined_rows").n[0] == 0
    # the euro sign, the dash and the curly quotes came through the transcoding
    descriptions = query(
        database,
        "select distinct description from stg_core_banking__transactions "
        "where description is not null",
    ).description
    assert descriptions.str.endswith(DECORATION).all()
    files = query(
        database, "select * from data_quality_raw_files where table_name = 'transactions'"
    )
    first_month = files.sort_values("file_name").iloc[0]
    assert len(files) == 6
    assert first_month.columns_missing == "description"
    assert files.columns_missing.isna().sum() == 5
    assert first_month.file_name.startswith(str(windows_1252_delivery))
    staged = query(
        database,
        "select sum(rows_read) as n from data_quality_raw_files where table_name = 'transactions'",
    ).n[0]
    assert (
        staged
        == query(demo_warehouse, "select count(*) as n from stg_core_banking__transactions").n[0]
    )


def test_utf8_with_bom_month_first_dates_and_thousands_commas_read_right(
    demo_raw: Path, demo_warehouse: Path, tmp_path: Path
):
    style = DeliveryStyle(
        byte_order_mark=True,
        date_format="%m/%d/%Y",
        timestamp_format="%m/%d/%Y %H:%M:%S",
        thousands_separator=",",  # '1,094.52', quoted in a ','-separated file
    )
    raw = write_delivery(demo_raw, tmp_path / "raw", style)
    database = tmp_path / "w.duckdb"
    settings = {
        "raw_date_format": "%m/%d/%Y",
        "raw_timestamp_format": "%m/%d/%Y %H:%M:%S",
        "raw_thousands_separator": ",",
    }
    run_dbt([*FEATURES, *vars_arg(settings)], raw_path=raw, database=database, extra_env=CSV)
    assert_features_equal(database, demo_warehouse)
    assert query(database, "select count(*) as n from quarantined_rows").n[0] == 0


def test_monthly_files_that_overlap_keep_each_row_once_and_reject_none(
    demo_raw: Path, demo_warehouse: Path, tmp_path: Path
):
    """Monthly files that repeat the last days of the month before (an extract cut on a
    rolling window): the repeated rows are kept once and recorded as delivered again, not
    rejected, so the guard neither warns nor stops and the features are the clean extract's."""
    style = DeliveryStyle(monthly_tables=("transactions", "balances"), overlap_days=3)
    raw = write_delivery(demo_raw, tmp_path / "raw", style)
    database = tmp_path / "w.duckdb"
    result = run_dbt(FEATURES, raw_path=raw, database=database, extra_env=CSV)
    statuses = {r.node.name: str(r.status) for r in result.result.results}
    assert statuses["rejected_share_above_max_rejected_share_warn"] == "pass"
    assert_features_equal(database, demo_warehouse)
    counts = query(
        database, "select * from data_quality_row_counts where layer = 'staging'"
    ).set_index("table_name")
    assert counts.rows_rejected.sum() == 0
    for table in ("transactions", "balances"):
        delivered = sum(len(pd.read_csv(f, dtype=str)) for f in (raw / table).glob("*.csv"))
        clean = pq.read_metadata(demo_raw / f"{table}.parquet").num_rows
        assert delivered > clean
        assert counts.loc[table].rows_redelivered == delivered - clean
    rules = query(database, "select distinct rejection_reason from quarantined_rows")
    assert sorted(rules.rejection_reason) == [
        "account_id and balance_date delivered again (a copy of the row kept)",
        "transaction_id delivered again (a copy of the row kept)",
    ]


def test_a_later_file_supersedes_an_earlier_version_of_a_row(demo_raw: Path, tmp_path: Path):
    """A correction in a later monthly file, and accounts delivered as monthly snapshots with
    one account closed in the later one: the later file's version is kept; the earlier
    versions are superseded (or copies), none of them a rejection."""
    raw = write_delivery(
        demo_raw, tmp_path / "raw", DeliveryStyle(monthly_tables=("transactions",))
    )
    monthly = sorted((raw / "transactions").glob("*.csv"))
    first, last = (pd.read_csv(path, dtype=str) for path in (monthly[0], monthly[-1]))
    corrected = first.iloc[[0]].assign(amount="4321.00")
    pd.concat([last, corrected]).to_csv(monthly[-1], index=False)
    accounts = pd.read_csv(raw / "accounts.csv", dtype=str)
    (raw / "accounts.csv").unlink()
    (raw / "accounts").mkdir()
    accounts.to_csv(raw / "accounts" / "accounts_202501.csv", index=False)
    closed = accounts.copy()
    closed.loc[0, "closed_date"] = "2025-03-31"
    closed.to_csv(raw / "accounts" / "accounts_202502.csv", index=False)
    database = tmp_path / "w.duckdb"
    result = run_dbt(STAGING, raw_path=raw, database=database, extra_env=CSV)
    statuses = {r.node.name: str(r.status) for r in result.result.results}
    assert statuses["rejected_share_above_max_rejected_share_warn"] == "pass"
    staged = query(
        database,
        "select amount from stg_core_banking__transactions "
        f"where transaction_id = '{corrected.transaction_id.iloc[0]}'",
    )
    assert staged.amount.tolist() == [4321]
    closed_date = query(
        database,
        "select closed_date from stg_core_banking__accounts "
        f"where account_id = '{accounts.account_id.iloc[0]}'",
    ).closed_date
    assert str(closed_date.iloc[0])[:10] == "2025-03-31"
    rules = query(
        database, "select * from data_quality_rejections order by table_name, rejection_reason"
    )
    assert rules[["table_name", "rejection_reason", "rows_rejected"]].values.tolist() == [
        ["accounts", "account_id delivered again (a copy of the row kept)", len(accounts) - 1],
        ["accounts", "account_id superseded by a later file (the row kept came later)", 1],
        ["transactions", "transaction_id superseded by a later file (the row kept came later)", 1],
    ]
    assert rules.is_redelivery.all()
    counts = query(database, "select * from data_quality_row_counts").set_index("table_name")
    assert counts.rows_rejected.sum() == 0
    assert counts.loc["accounts"].rows_redelivered == len(accounts)


# --- deliveries that stop: dates never guessed, currencies never mislabelled -----------------


def test_undeclared_day_first_dates_stop_the_build_with_the_setting_to_declare(
    windows_1252_delivery: Path, tmp_path: Path
):
    settings = {k: v for k, v in WINDOWS_1252_SETTINGS.items() if "date" not in k}
    settings.pop("raw_table_settings")
    message = failure(
        windows_1252_delivery, tmp_path / "w.duckdb", [*FEATURES, *vars_arg(settings)]
    )
    assert "raw table 'customers': column 'birth_date' holds dates that are not ISO 8601" in message
    assert "set var raw_date_format" in message
    assert "The values put the day first" in message
    assert "'%d/%m/%Y'" in message


def test_dates_whose_day_and_month_cannot_be_told_apart_are_named_ambiguous(
    demo_raw: Path, tmp_path: Path
):
    # every day of the month at most 12: 03/04/2025 may be 3 April or 4 March
    raw = write_delivery(demo_raw, tmp_path / "raw", DeliveryStyle(date_format="%d/%m/%Y"))
    customers = pd.read_csv(raw / "customers.csv", dtype=str)
    customers["birth_date"] = customers.birth_date.str.replace(r"^\d\d", "03", regex=True)
    customers.to_csv(raw / "customers.csv", index=False)
    message = failure(raw, tmp_path / "w.duckdb", FEATURES)
    assert "column 'birth_date' holds dates that are not ISO 8601" in message
    assert "day/month or month/day is ambiguous" in message


@pytest.fixture(scope="module")
def two_currency_raw(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo extract as CSV with every fifth account in GBP, and GBP rates at 1.25 EUR."""
    raw = write_delivery(demo_raw, tmp_path_factory.mktemp("two_currencies"), DeliveryStyle())
    accounts = pd.read_csv(raw / "accounts.csv", dtype=str, keep_default_na=False)
    accounts.loc[accounts.index % 5 == 0, "currency"] = "GBP"
    accounts.to_csv(raw / "accounts.csv", index=False)
    months = pd.date_range("2000-01-01", "2030-12-01", freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame(
        {"currency": "GBP", "month_start_date": months, "rate_to_reporting_currency": 1.25}
    ).to_csv(raw / "fx_rates.csv", index=False)
    return raw


def test_two_currencies_stop_the_build_until_the_reporting_currency_and_rates_are_given(
    two_currency_raw: Path, tmp_path: Path
):
    message = failure(two_currency_raw, tmp_path / "a.duckdb", FEATURES)
    assert "raw table 'accounts': column 'currency' holds 2 currencies (EUR, GBP)" in message
    assert "set var currency" in message
    message = failure(
        two_currency_raw, tmp_path / "b.duckdb", [*FEATURES, *vars_arg({"currency": "EUR"})]
    )
    assert "no FX rate converts GBP" in message
    assert "never labelled EUR unconverted" in message


def test_two_currencies_with_rates_convert_and_label_in_the_reporting_currency(
    two_currency_raw: Path, demo_warehouse: Path, tmp_path: Path
):
    database = tmp_path / "w.duckdb"
    settings = {"currency": "EUR", "fx_rates_path": str(two_currency_raw / "fx_rates.csv")}
    args = [
        "build",
        "--select",
        "+stg_core_banking__transactions",
        "+display_formats",
        "--exclude",
        "resource_type:test",
        "resource_type:unit_test",
    ]
    run_dbt(
        [*args, *vars_arg(settings)], raw_path=two_currency_raw, database=database, extra_env=CSV
    )
    converted = query(
        database,
        "select transaction_id, amount, currency from stg_core_banking__transactions "
        "join stg_core_banking__accounts using (account_id) order by transaction_id",
    )
    clean = query(
        demo_warehouse,
        "select transaction_id, amount from stg_core_banking__transactions order by transaction_id",
    )
    rate = converted.currency.map({"EUR": 1.0, "GBP": 1.25})
    expected = (clean.amount.astype(float) * rate).round(2)
    assert (converted.currency == "GBP").sum() > 0
    # each converted amount rounds to the cent once
    assert (converted.amount.astype(float) - expected).abs().max() <= 0.01 + 1e-9
    suffixes = query(database, "select distinct value_suffix from display_formats").value_suffix
    assert suffixes.str.contains("EUR").any()
    assert not suffixes.str.contains("GBP").any()


# --- the guard on what is rejected ------------------------------------------------------------


def with_unreadable_amounts(demo_raw: Path, raw: Path, every: int, of: int) -> Path:
    """A CSV delivery whose transactions have amounts like '1,094.52' (undeclared thousands
    separator) in `every` rows of each `of`, and a few other faults staging must count."""
    write_delivery(demo_raw, raw, DeliveryStyle())
    transactions = pd.read_csv(raw / "transactions.csv", dtype=str, keep_default_na=False)
    unreadable = transactions.index % of < every
    transactions.loc[unreadable, "amount"] = "1,094.52"
    transactions.loc[transactions.index[-3:], "booked_at"] = "0022-12-16 10:00:00"
    transactions.to_csv(raw / "transactions.csv", index=False)
    customers = pd.read_csv(raw / "customers.csv", dtype=str, keep_default_na=False)
    customers.loc[customers.index[:60], "birth_date"] = "1900-01-01"  # 'unknown'
    customers.loc[customers.index[60:62], "birth_date"] = "2090-05-01"
    customers.loc[customers.index[62:65], "birth_date"] = "1850-03-01"
    customers.to_csv(raw / "customers.csv", index=False)
    return raw


def test_a_share_of_rejected_rows_above_the_error_limit_fails_naming_the_setting(
    demo_raw: Path, tmp_path: Path
):
    raw = with_unreadable_amounts(demo_raw, tmp_path / "raw", every=3, of=10)
    database = tmp_path / "w.duckdb"
    result = run_dbt(STAGING, raw_path=raw, database=database, extra_env=CSV, expect_success=False)
    statuses = {r.node.name: str(r.status) for r in result.result.results}
    assert statuses["rejected_share_above_max_rejected_share_error"] == "fail"
    log = (tmp_path / "logs" / "dbt.log").read_text()
    assert (
        "raw table 'transactions': 30.0 % of its rows rejected, above max_rejected_share_error"
        in log
    )
    assert (
        "amount is not a number: " in log
        and "e.g. '1,094.52'; check raw_decimal_separator, raw_thousands_separator" in log
    )
    counts = query(
        database, "select * from data_quality_row_counts where table_name = 'transactions'"
    )
    row = counts.iloc[0]
    assert row.rows_in == (
        row.rows_kept + row.rows_rejected + row.rows_redelivered + row.rows_after_as_of_date
    )
    assert row.rejected_share == pytest.approx(0.3, abs=0.001)


def test_a_small_share_of_rejected_rows_warns_and_every_row_is_kept_somewhere(
    demo_raw: Path, tmp_path: Path
):
    raw = with_unreadable_amounts(demo_raw, tmp_path / "raw", every=1, of=50)
    database = tmp_path / "w.duckdb"
    result = run_dbt(STAGING, raw_path=raw, database=database, extra_env=CSV)
    statuses = {r.node.name: str(r.status) for r in result.result.results}
    assert statuses["rejected_share_above_max_rejected_share_warn"] == "warn"
    assert statuses["rejected_share_above_max_rejected_share_error"] == "pass"
    rejections = query(database, "select * from data_quality_rejections").set_index(
        "rejection_reason"
    )
    transactions = pd.read_csv(raw / "transactions.csv", dtype=str)
    unreadable = (transactions.amount == "1,094.52") & ~transactions.booked_at.str.startswith(
        "0022"
    )
    assert rejections.loc["amount is not a number"].rows_rejected == unreadable.sum()
    implausible = rejections.loc["booked_at is implausible: before min_plausible_date"]
    assert implausible.rows_rejected == 3
    assert implausible.reading_setting == "raw_date_format"
    counts = query(database, "select * from data_quality_row_counts")
    assert (
        counts.rows_in
        == counts.rows_kept
        + counts.rows_rejected
        + counts.rows_redelivered
        + counts.rows_after_as_of_date
    ).all()
    # implausible birth dates are not used, and their customers are kept
    nulled = query(database, "select reason, rows_nulled from data_quality_nulled_values")
    assert dict(zip(nulled.reason, nulled.rows_nulled, strict=True)) == {
        "a placeholder shared by too many customers": 60,
        "after the last booking": 2,
        "before min_plausible_birth_date": 3,
    }
    customers = query(database, "select count(*) as n from stg_core_banking__customers").n[0]
    assert customers == len(pd.read_csv(raw / "customers.csv"))


def test_next_months_file_dropped_into_the_folder_is_built_by_the_next_build(
    demo_raw: Path, demo_warehouse: Path, tmp_path: Path
):
    raw = write_delivery(
        demo_raw, tmp_path / "raw", DeliveryStyle(monthly_tables=("transactions",))
    )
    june = raw / "transactions" / "transactions_202506.csv"
    june.rename(tmp_path / june.name)
    database = tmp_path / "w.duckdb"
    monthly = [
        "build",
        "--select",
        "+int_customer_months_aggregated",
        "data_quality_raw_files",
        "--exclude",
        "resource_type:unit_test",
        "--indirect-selection",
        "cautious",
    ]
    months_sql = (
        "select booked_month_start_date, sum(transaction_count) as transactions "
        "from int_customer_months_aggregated group by 1 order by 1"
    )

    def build_month_end(as_of: str) -> pd.DataFrame:
        args = [*monthly, *vars_arg({"as_of_date": as_of})]
        run_dbt(args, raw_path=raw, database=database, extra_env=CSV)
        return query(database, months_sql)

    before = build_month_end("2025-05-31")
    (tmp_path / june.name).rename(june)
    after = build_month_end("2025-06-30")
    clean = query(demo_warehouse, months_sql)
    assert len(before) == 5 and len(after) == 6
    pd.testing.assert_frame_equal(after, clean)
    files = query(
        database,
        "select count(*) as n from data_quality_raw_files where table_name = 'transactions'",
    )
    assert files.n[0] == 6
