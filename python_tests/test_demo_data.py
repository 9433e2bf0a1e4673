"""The demo generator writes the raw input contract of DESIGN.md, consistently and reproducibly."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from bank_segmentation.demo_data import generator
from bank_segmentation.demo_data.personas import PERSONA_NAMES

CONTRACT: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "VARCHAR",
        "birth_date": "DATE",
        "gender": "VARCHAR",
        "region": "VARCHAR",
        "onboarded_date": "DATE",
        "marketing_consent": "BOOLEAN",
    },
    "accounts": {
        "account_id": "VARCHAR",
        "customer_id": "VARCHAR",
        "product_type": "VARCHAR",
        "opened_date": "DATE",
        "closed_date": "DATE",
        "credit_limit": "DECIMAL(18,2)",
        "currency": "VARCHAR",
    },
    "transactions": {
        "transaction_id": "VARCHAR",
        "account_id": "VARCHAR",
        "booked_at": "TIMESTAMP",
        "amount": "DECIMAL(18,2)",
        "direction": "VARCHAR",
        "channel": "VARCHAR",
        "merchant_category_code": "VARCHAR",
        "description": "VARCHAR",
    },
    "balances": {"account_id": "VARCHAR", "balance_date": "DATE", "balance": "DECIMAL(18,2)"},
    "loans": {
        "loan_id": "VARCHAR",
        "customer_id": "VARCHAR",
        "product": "VARCHAR",
        "principal": "DECIMAL(18,2)",
        "originated_date": "DATE",
        "term_months": "INTEGER",
        "status": "VARCHAR",
    },
    "loan_applications": {
        "application_id": "VARCHAR",
        "customer_id": "VARCHAR",
        "applied_at": "TIMESTAMP",
        "product": "VARCHAR",
        "requested_amount": "DECIMAL(18,2)",
        "decision": "VARCHAR",
    },
}
KEYS = {
    "customers": "customer_id",
    "accounts": "account_id",
    "transactions": "transaction_id",
    "loans": "loan_id",
    "loan_applications": "application_id",
}
CHILD_TO_PARENT = [
    ("accounts", "customer_id", "customers", "customer_id"),
    ("transactions", "account_id", "accounts", "account_id"),
    ("balances", "account_id", "accounts", "account_id"),
    ("loans", "customer_id", "customers", "customer_id"),
    ("loan_applications", "customer_id", "customers", "customer_id"),
]


@pytest.fixture
def db(demo_raw: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    for table in CONTRACT:
        connection.execute(
            f"create view {table} as select * from read_parquet('{demo_raw}/{table}.parquet')"
        )
    connection.execute(
        "create view personas as select * from "
        f"read_parquet('{demo_raw}/ground_truth/customer_personas.parquet')"
    )
    return connection


def scalar(connection: duckdb.DuckDBPyConnection, sql: str):
    return connection.sql(sql).fetchall()[0][0]


@pytest.mark.parametrize("table", CONTRACT)
def test_columns_and_types_match_the_contract(db, table):
    described = {name: kind for name, kind, *_ in db.sql(f"describe {table}").fetchall()}
    assert described == CONTRACT[table]


@pytest.mark.parametrize("table,key", KEYS.items())
def test_keys_are_unique_and_not_null(db, table, key):
    assert scalar(db, f"select count(*) - count(distinct {key}) from {table}") == 0
    assert scalar(db, f"select count(*) from {table} where {key} is null") == 0


@pytest.mark.parametrize("child,child_key,parent,parent_key", CHILD_TO_PARENT)
def test_referential_integrity(db, child, child_key, parent, parent_key):
    orphans = scalar(
        db,
        f"""
        select count(*) from {child} c anti join {parent} p on c.{child_key} = p.{parent_key}
    """,
    )
    assert orphans == 0


def test_codes_and_amounts_are_valid(db):
    assert scalar(db, "select count(*) from transactions where amount <= 0") == 0
    assert {r[0] for r in db.sql("select distinct direction from transactions").fetchall()} == {
        "debit",
        "credit",
    }
    channels = {r[0] for r in db.sql("select distinct channel from transactions").fetchall()}
    assert channels == {
        "card_pos",
        "card_online",
        "atm",
        "branch",
        "transfer",
        "direct_debit",
        "standing_order",
        "interest",
        "fee",
    }
    products = {r[0] for r in db.sql("select distinct product_type from accounts").fetchall()}
    assert products == {"current", "savings", "credit_card", "loan", "term_deposit"}
    decisions = {r[0] for r in db.sql("select distinct decision from loan_applications").fetchall()}
    assert decisions == {"approved", "declined", "pending"}


def test_nothing_is_booked_outside_the_window_or_before_the_account_opened(db):
    assert (
        scalar(
            db,
            """
        select count(*) from transactions t inner join accounts a using (account_id)
        where cast(t.booked_at as date) < a.opened_date
    """,
        )
        == 0
    )
    first, last = db.sql("select min(booked_at), max(booked_at) from transactions").fetchall()[0]
    assert str(first) >= "2025-01-01" and str(last) < "2025-07-01"


def test_month_end_balances_equal_opening_plus_booked_flows(db):
    mismatches = scalar(
        db,
        """
        with snapshots as (
            select account_id, balance_date, balance,
                   lag(balance) over (partition by account_id order by balance_date) as previous,
                   lag(balance_date) over (partition by account_id order by balance_date)
                       as previous_date
            from balances
        ),
        flows as (
            select s.account_id, s.balance_date,
                   coalesce(sum(case t.direction when 'credit' then t.amount
                                                 else -t.amount end), 0) as net
            from snapshots s
            left join transactions t
              on t.account_id = s.account_id
             and cast(t.booked_at as date) > s.previous_date
             and cast(t.booked_at as date) <= s.balance_date
            where s.previous is not null
            group by all
        )
        select count(*) from snapshots s inner join flows f using (account_id, balance_date)
        where s.balance - s.previous != f.net
    """,
    )
    assert mismatches == 0
    assert scalar(db, "select count(*) from balances") > 0


def test_every_persona_is_planted_with_about_one_blend_in_ten(db):
    personas = {r[0] for r in db.sql("select distinct persona from personas").fetchall()}
    assert personas == set(PERSONA_NAMES)
    blend_share = scalar(db, "select avg((secondary_persona is not null)::int) from personas")
    assert 0.07 < blend_share < 0.13
    assert scalar(db, "select count(*) from personas") == scalar(
        db, "select count(*) from customers"
    )


def test_demographics_have_gaps_like_real_extracts(db):
    assert scalar(db, "select count(*) from customers where birth_date is null") > 0
    assert scalar(db, "select count(*) from customers where gender is null") > 0


def file_digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.parquet"))
    }


def run_cli(out: Path, seed: int, hash_seed: str) -> None:
    """Each run in its own interpreter with its own hash seed, as two users would run it."""
    command = [
        sys.executable,
        "-m",
        "bank_segmentation.generate",
        "--customers",
        "800",
        "--months",
        "2",
        "--seed",
        str(seed),
        "--out",
        str(out),
        "--quiet",
    ]
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(command, check=True, env=env, capture_output=True)


def test_same_seed_gives_identical_files(tmp_path):
    run_cli(tmp_path / "a", seed=42, hash_seed="1")
    run_cli(tmp_path / "b", seed=42, hash_seed="2")
    run_cli(tmp_path / "c", seed=7, hash_seed="1")
    assert file_digests(tmp_path / "a") == file_digests(tmp_path / "b")
    assert file_digests(tmp_path / "a") != file_digests(tmp_path / "c")
    assert len(file_digests(tmp_path / "a")) == 7


# Content digests of the output of DemoConfig(customers=800, months=3, seed=42) in chunks of
# 300 customers, recorded from the generator before its chunk function was split into steps:
# any change in the order or the number of random draws changes them. A deliberate change to
# the demo data updates them (and says so in the commit).
GOLDEN_CONTENT = {
    "accounts.parquet": "b7967d682804e291",
    "balances.parquet": "3285d40d1c9ce006",
    # marketing_consent added on a random stream of its own: every other file, and every
    # other column of customers, unchanged
    "customers.parquet": "2e87092f9594f13a",
    "ground_truth/customer_personas.parquet": "b4ed2ab2f53fe0c1",
    "loan_applications.parquet": "fc187d739e4db5af",
    "loans.parquet": "93f26b58ec47bb92",
    "transactions.parquet": "5ccba493ef49898b",
}


def content_digests(folder: Path) -> dict[str, str]:
    """Per file, a digest of its column names and values (not its bytes, which change with the
    Parquet writer's version)."""
    digests = {}
    for path in sorted(folder.rglob("*.parquet")):
        table = pq.read_table(path)
        digest = hashlib.sha256()
        for name in table.column_names:
            digest.update(name.encode())
            digest.update(repr(table.column(name).to_pylist()).encode())
        digests[str(path.relative_to(folder))] = digest.hexdigest()[:16]
    return digests


def test_the_demo_data_is_what_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "CHUNK_SIZE", 300)
    config = generator.DemoConfig(customers=800, months=3, seed=42)
    generator.generate(config, tmp_path, show_progress=False)
    assert content_digests(tmp_path) == GOLDEN_CONTENT
