"""Customer features: planted personas show their signature, and features are point-in-time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from python_tests.dbt_helpers import run_dbt

# persona -> (feature, expected direction against the population mean)
SIGNATURES = [
    ("saver", "average_deposit_balance_amount", "higher"),
    ("saver", "savings_rate", "higher"),
    ("loan_seeker", "loan_application_count", "higher"),
    ("loan_seeker", "credit_utilisation", "higher"),
    ("loan_seeker", "cash_advance_count", "higher"),
    ("digital_first", "online_share", "higher"),
    ("digital_first", "cash_share", "lower"),
    ("cash_heavy", "cash_share", "higher"),
    ("cash_heavy", "online_share", "lower"),
    ("high_spender", "spend_per_month_amount", "higher"),
    ("high_spender", "average_ticket_amount", "higher"),
    ("everyday", "card_present_share", "higher"),
    ("dormant", "transactions_per_month", "lower"),
    ("dormant", "recurring_income_amount", "lower"),
]


@pytest.fixture(scope="module")
def features_with_personas(demo_warehouse: Path, demo_raw: Path) -> pd.DataFrame:
    with duckdb.connect(str(demo_warehouse), read_only=True) as connection:
        return connection.sql(f"""
            select features.*, truth.persona
            from int_customer_features as features
            inner join read_parquet('{demo_raw}/ground_truth/customer_personas.parquet') as truth
                using (customer_id)
        """).df()


@pytest.mark.parametrize(("persona", "feature", "direction"), SIGNATURES)
def test_planted_persona_shows_its_signature(features_with_personas, persona, feature, direction):
    population = features_with_personas[feature].mean()
    members = features_with_personas.loc[features_with_personas.persona == persona, feature]
    ratio = members.mean() / population
    if direction == "higher":
        assert ratio > 1.3, f"{persona} {feature}: {ratio:.2f} x population"
    else:
        assert ratio < 0.7, f"{persona} {feature}: {ratio:.2f} x population"


def test_every_customer_has_one_feature_row(warehouse_connection):
    customers, rows, distinct = warehouse_connection.sql("""
        select (select count(*) from stg_core_banking__customers), count(*),
               count(distinct customer_id)
        from int_customer_features
    """).fetchall()[0]
    assert customers == rows == distinct


def truncate_raw_data(source: Path, target: Path, as_of: str) -> None:
    """The same extract as it would have looked on `as_of`: nothing dated later."""
    target.mkdir()
    cutoffs = {
        "customers": "onboarded_date",
        "accounts": "opened_date",
        "transactions": "booked_at",
        "balances": "balance_date",
        "loans": "originated_date",
        "loan_applications": "applied_at",
    }
    with duckdb.connect() as connection:
        for table, column in cutoffs.items():
            connection.execute(f"""
                copy (
                    select * from read_parquet('{source}/{table}.parquet')
                    where cast({column} as date) <= date '{as_of}'
                ) to '{target}/{table}.parquet' (format parquet)
            """)


def feature_table(database: Path) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        frame = connection.sql("select * from int_customer_features").df()
    return frame.sort_values("customer_id").reset_index(drop=True)


def test_features_are_point_in_time(demo_raw: Path, tmp_path: Path):
    """Building for 2025-04-30 on the full extract equals building on the extract cut at
    2025-04-30: rows booked later change nothing."""
    as_of = "2025-04-30"
    truncated = tmp_path / "raw_as_of"
    truncate_raw_data(demo_raw, truncated, as_of)
    args = [
        "build",
        "--select",
        "+int_customer_features",
        "--resource-type",
        "model",
        "--resource-type",
        "seed",
        "--vars",
        f"{{as_of_date: '{as_of}'}}",
    ]
    run_dbt(args, raw_path=demo_raw, database=tmp_path / "full.duckdb")
    run_dbt(args, raw_path=truncated, database=tmp_path / "truncated.duckdb")
    from_full = feature_table(tmp_path / "full.duckdb")
    from_truncated = feature_table(tmp_path / "truncated.duckdb")
    assert (from_full.as_of_date.astype(str) == as_of).all()
    assert len(from_full) > 0
    pd.testing.assert_frame_equal(from_full, from_truncated)
