"""The project on real data: the Czech bank (Berka, PKDD'99) files through the adapter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from python_tests.conftest import BERKA_FEATURES, BERKA_PATH
from python_tests.dbt_helpers import describe_failure, run_dbt

AS_OF = dt.date(1994, 3, 30)


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


def test_birth_number_gives_birth_date_and_gender(berka_warehouse):
    # client 1: birth_number 706213 -> month 62 - 50 = 12, so a woman born 1970-12-13;
    # client 2: 450204 -> a man born 1945-02-04
    rows = query(
        berka_warehouse,
        """
        select customer_id, gender, birth_date, region from stg_core_banking__customers
        where customer_id in ('C1', 'C2') order by customer_id
    """,
    )
    assert rows.gender.tolist() == ["F", "M"]
    assert [str(d)[:10] for d in rows.birth_date] == ["1970-12-13", "1945-02-04"]
    assert rows.region.notna().all()


def test_a_card_withdrawal_is_an_atm_debit(berka_warehouse):
    row = query(
        berka_warehouse,
        """
        select account_id, direction, channel, amount, description
        from stg_core_banking__transactions where transaction_id = 'T146059'
    """,
    ).iloc[0]
    assert (row.account_id, row.direction, row.channel) == ("A489", "debit", "atm")
    assert float(row.amount) == 2900.0 and row.description == "CARD WITHDRAWAL"


def test_loan_status_codes_are_mapped(berka_warehouse):
    statuses = (
        query(
            berka_warehouse,
            """
        select loan_id, status from stg_core_banking__loans
        where loan_id in ('L5314', 'L5316')
    """,
        )
        .set_index("loan_id")
        .status.to_dict()
    )
    assert statuses == {"L5314": "default", "L5316": "closed"}  # B and A


def test_rows_reconcile_raw_equals_mapped_plus_unmapped(berka_warehouse):
    reasons = query(
        berka_warehouse,
        """
        select source_table, unmapped_reason, count(*) as n
        from berka_unmapped_rows group by all
    """,
    )
    assert reasons.to_dict("records") == [
        {
            "source_table": "client",
            "unmapped_reason": "client is only a disponent, not an account owner",
            "n": 869,
        }
    ]
    mapped = query(berka_warehouse, "select count(*) as n from berka_customers").n[0]
    with duckdb.connect() as connection:
        clients = connection.sql(
            f"select count(*) from read_csv('{BERKA_PATH}/client.asc', delim=';', header=true)"
        ).fetchall()[0][0]
    assert clients == mapped + 869
    counts = query(berka_warehouse, "select * from data_quality_row_counts")
    assert (
        counts.rows_in
        == counts.rows_kept
        + counts.rows_rejected
        + counts.rows_redelivered
        + counts.rows_after_as_of_date
    ).all()
    adapter = counts[counts.layer == "adapter"].set_index("table_name")
    assert set(adapter.index) == {
        f"berka {f}" for f in ("client", "account", "card", "trans", "loan")
    }
    assert adapter.loc["berka client", ["rows_in", "rows_kept", "rows_rejected"]].tolist() == [
        clients,
        mapped,
        869,
    ]
    assert set(counts[counts.layer == "staging"].table_name) >= {"customers", "transactions"}


def test_nothing_after_the_as_of_date_reaches_the_features(berka_warehouse):
    latest = query(
        berka_warehouse,
        """
        select
            (select max(processed_through_date) from int_customer_months_aggregated)
                as last_booking_day,
            (select max(last_event_date) from int_account_months_balanced)
                as last_balance_day,
            (select max(onboarded_date) from stg_core_banking__customers c
             inner join int_customer_features f using (customer_id)) as last_onboarding
    """,
    ).iloc[0]
    assert latest.last_booking_day.date() <= AS_OF
    assert latest.last_balance_day.date() <= AS_OF
    assert latest.last_onboarding.date() <= AS_OF
    later_loans = query(
        berka_warehouse,
        """
        select count(*) as n from stg_core_banking__loans where originated_date > '1994-03-30'
    """,
    ).n[0]
    assert later_loans > 0  # the data holds later loans, and the features ignore them
    assert (
        query(berka_warehouse, "select max(loans_held_count) as m from int_customer_features").m[0]
        <= 1
    )


def test_every_customer_of_the_as_of_date_gets_a_named_segment(berka_warehouse):
    segments = query(
        berka_warehouse,
        """
        select segment_name, count(*) as customers from customer_segments group by 1
    """,
    )
    assert segments.customers.sum() == 1229  # owners of the accounts opened by 1994-03-30
    assert segments.segment_name.str.startswith("segment_").sum() == 0


def test_drift_is_watched_on_every_feature_berka_is_clustered_on(berka_warehouse):
    """make berka chooses its own features, cash withdrawals among them: the autopilot
    watches each one the model uses, profiled or not."""
    clustered = query(berka_warehouse, "select distinct feature from segmentation_model")
    watched = query(berka_warehouse, "select distinct feature from segment_feature_drift")
    assert set(watched.feature) == set(clustered.feature)
    assert "cash_withdrawal_per_month_amount" in set(watched.feature)


def test_without_a_consent_column_consent_is_said_not_checked(berka_warehouse):
    """Berka has no marketing_consent: nobody is left out for it, and the mart says the rule
    was not checked (the report and the export manifest read that)."""
    rules = query(
        berka_warehouse,
        "select exclusion_reason, bool_and(is_rule_checked) as checked, "
        "sum(customers_excluded) as excluded from campaign_exclusions group by 1",
    ).set_index("exclusion_reason")
    assert not rules.checked["no_marketing_consent"]
    assert rules.excluded["no_marketing_consent"] == 0
    assert rules.checked.drop("no_marketing_consent").all()


def test_amounts_are_shown_in_the_currency_of_the_extract(berka_warehouse):
    """Berka books in Czech crowns (var currency CZK): the reasons say so, never EUR."""
    reasons = query(berka_warehouse, "select reason_text from customer_segments").reason_text
    assert reasons.str.contains(" CZK").any() and not reasons.str.contains("EUR").any()


def test_a_missing_berka_folder_fails_with_the_path(tmp_path):
    missing = tmp_path / "no_berka_here"
    result = run_dbt(
        ["build", "--vars", "{source_adapter: berka}"],
        raw_path=missing,
        database=tmp_path / "w.duckdb",
        extra_env={"BANKSEG_BERKA_PATH": str(missing)},
        expect_success=False,
    )
    assert f"berka: file {missing}/client.asc not found" in describe_failure(result)


def test_a_berka_file_cut_in_the_middle_of_a_line_still_builds(tmp_path):
    """trans.asc cut at 3,000,000 bytes, inside a quoted field of its last line (as a partial
    upload leaves it): that line is an unmapped row with DuckDB's reason and its text, every
    other line builds, and raw = mapped + unmapped still holds."""
    folder = tmp_path / "berka"
    folder.mkdir()
    for path in BERKA_PATH.glob("*.asc"):
        (folder / path.name).symlink_to(path)
    (folder / "trans.asc").unlink()
    (folder / "trans.asc").write_bytes((BERKA_PATH / "trans.asc").read_bytes()[:3_000_000])
    database = tmp_path / "cut.duckdb"
    variables = (
        "{source_adapter: berka, as_of_date: '1993-12-31', lookback_months: 6, "
        f"segmentation_features: '{BERKA_FEATURES}'}}"
    )
    run_dbt(
        ["build", "--vars", variables],
        raw_path=folder,
        database=database,
        extra_env={"BANKSEG_BERKA_PATH": str(folder)},
    )
    cut = query(database, "select * from berka_unmapped_rows where record_key like 'line %'")
    assert len(cut) == 1 and cut.source_table.iloc[0] == "trans"
    reason = cut.unmapped_reason.iloc[0]
    assert reason.startswith("line does not parse: unquoted value: Value with unterminated quote")
    assert reason.endswith('1103689;3771;940325;"P')
    assert len(query(database, "select * from customer_segments")) > 0
