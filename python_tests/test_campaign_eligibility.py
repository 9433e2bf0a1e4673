"""Campaign lists a compliance officer signs off: a build of the small demo extract with
consent refusals, loans in arrears, minors and customers without an open account planted.
No excluded customer is in any list or export, and campaign_exclusions counts exactly the
planted customers, each under the first rule of seeds/campaign_eligibility_rules that holds."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bank_segmentation.export import export_for_crm, published_marts
from bank_segmentation.publication import published_snapshot_path
from python_tests.dbt_helpers import PROJECT_DIR, run_dbt

AS_OF = date(2025, 6, 30)
PLANTED = 40  # customers per condition
RULES_SEED = PROJECT_DIR / "seeds" / "campaign_eligibility_rules.csv"
PLAYBOOK_SEED = PROJECT_DIR / "seeds" / "campaign_playbook.csv"


def seed_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as seed:
        return list(csv.DictReader(seed))


@pytest.fixture(scope="module")
def planted(demo_raw: Path, tmp_path_factory) -> dict:
    """The demo extract with every condition planted on its own customers (disjoint, long
    standing ones); the demo's own consent and loan statuses replaced so only they hold."""
    raw = tmp_path_factory.mktemp("planted_raw")
    for table in demo_raw.glob("*.parquet"):
        shutil.copy(table, raw / table.name)
    customers = pd.read_parquet(raw / "customers.parquet")
    accounts = pd.read_parquet(raw / "accounts.parquet")
    loans = pd.read_parquet(raw / "loans.parquet")
    settled = customers.loc[customers.onboarded_date < date(2024, 1, 1), "customer_id"]
    borrowers = settled[settled.isin(loans.customer_id)].tolist()
    others = settled[~settled.isin(loans.customer_id)].tolist()
    refused = others[:PLANTED]
    consent_empty = others[PLANTED : PLANTED + 10]
    minors = others[PLANTED + 10 : 2 * PLANTED + 10]
    closed = others[2 * PLANTED + 10 : 3 * PLANTED + 10]
    in_arrears = borrowers[:PLANTED]
    customers["marketing_consent"] = pd.Series(True, index=customers.index, dtype="boolean")
    customers.loc[customers.customer_id.isin(refused), "marketing_consent"] = False
    customers.loc[customers.customer_id.isin(consent_empty), "marketing_consent"] = None
    # 12 to 17 years old, each on a day of their own (a birth date shared by many customers
    # is read as a placeholder and not used)
    customers.loc[customers.customer_id.isin(minors), "birth_date"] = [
        AS_OF - timedelta(days=12 * 365 + 47 * i) for i in range(len(minors))
    ]
    accounts.loc[accounts.customer_id.isin(closed), "closed_date"] = AS_OF
    loans.loc[loans.status.isin(["late", "default"]), "status"] = "current"
    arrears_loans = loans.index[loans.customer_id.isin(in_arrears)]
    loans.loc[arrears_loans, "status"] = [
        ("late", "default")[i % 2] for i in range(len(arrears_loans))
    ]
    customers.to_parquet(raw / "customers.parquet", index=False)
    accounts.to_parquet(raw / "accounts.parquet", index=False)
    loans.to_parquet(raw / "loans.parquet", index=False)
    database = tmp_path_factory.mktemp("planted_warehouse") / "planted.duckdb"
    run_dbt(["build", "--vars", f"{{as_of_date: '{AS_OF}'}}"], raw_path=raw, database=database)
    return {
        "database": database,
        "conditions": {
            "no_marketing_consent": set(refused) | set(consent_empty),
            "under_credit_age": set(minors),
            "no_open_account": set(closed),
            "loan_in_arrears": set(in_arrears),
        },
    }


def expected_screening(segments: pd.DataFrame, conditions: dict[str, set[str]]) -> dict:
    """The seeds' rules applied by hand: per (customer, action) considered, the first rule
    that holds and applies to the action's kind, or None."""
    rules = sorted(seed_rows(RULES_SEED), key=lambda rule: int(rule["exclusion_order"]))
    playbook = [row for row in seed_rows(PLAYBOOK_SEED) if row["action"] != "no_campaign"]
    kind = {row["action"]: row["offer_kind"] for row in playbook}
    actions_of = {}
    for row in playbook:
        actions_of.setdefault(row["segment_name"], []).append(row["action"])
    screened = {}
    for customer, segment in zip(segments.customer_id, segments.segment_name, strict=True):
        offered = list(actions_of.get(segment, []))
        for rule in rules:
            redirect = rule["redirect_action"]
            if redirect and customer in conditions[rule["reason"]] and redirect not in offered:
                offered.append(redirect)
        for action in offered:
            holding = [
                rule["reason"]
                for rule in rules
                if rule["applies_to"] in ("any", kind[action])
                and customer in conditions[rule["reason"]]
            ]
            screened[customer, action] = holding[0] if holding else None
    return screened


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).df()


def test_the_lists_hold_eligible_customers_only_and_the_exclusions_count_the_planted(planted):
    database = planted["database"]
    segments = query(database, "select customer_id, segment_name from customer_segments")
    assert set().union(*planted["conditions"].values()) <= set(segments.customer_id)
    screened = expected_screening(segments, planted["conditions"])

    targets = query(database, "select customer_id, action, offer_reason from campaign_targets")
    eligible = {key for key, reason in screened.items() if reason is None}
    assert set(zip(targets.customer_id, targets.action, strict=True)) == eligible

    exclusions = query(
        database,
        "select action, exclusion_reason, customers_excluded, is_rule_checked "
        "from campaign_exclusions where customers_excluded > 0",
    )
    counted = Counter(
        (action, reason) for (_, action), reason in screened.items() if reason is not None
    )
    assert dict(
        zip(
            zip(exclusions.action, exclusions.exclusion_reason, strict=True),
            exclusions.customers_excluded,
            strict=True,
        )
    ) == dict(counted)
    assert exclusions.is_rule_checked.all()
    # every planted reason left someone out of some list
    assert {reason for _, reason in counted} == set(planted["conditions"])


def test_customers_in_arrears_get_the_financial_health_check_whatever_their_segment(planted):
    database = planted["database"]
    in_arrears = planted["conditions"]["loan_in_arrears"]
    targets = query(database, "select customer_id, action, offer_reason from campaign_targets")
    credit_actions = {
        row["action"] for row in seed_rows(PLAYBOOK_SEED) if row["offer_kind"] == "credit"
    }
    theirs = targets.loc[targets.customer_id.isin(in_arrears)]
    assert not set(theirs.action) & credit_actions
    assert set(theirs.loc[theirs.action == "financial_health_check", "customer_id"]) == in_arrears
    redirected = theirs.loc[theirs.offer_reason == "loan_in_arrears"]
    assert not redirected.empty  # most are not loan_seekers, whose playbook has the action


def test_no_excluded_customer_is_in_an_exported_list(planted, tmp_path):
    snapshot = published_snapshot_path(planted["database"])
    manifest = export_for_crm(snapshot, tmp_path, published_marts(snapshot))
    excluded = set().union(
        *(planted["conditions"][reason] for reason in ("no_marketing_consent", "no_open_account"))
    )
    for path in (tmp_path / "campaigns").glob("*.csv"):
        exported = set(pd.read_csv(path).customer_id)
        assert not exported & excluded, path.name
    written = json.loads((tmp_path / "manifest.json").read_text())
    assert written == manifest and manifest["marketing_consent_checked"] is True
    mart = query(
        snapshot,
        "select action, exclusion_reason, customers_excluded from campaign_exclusions "
        "order by action, exclusion_order",
    )
    assert [
        (row["action"], row["reason"], row["customers"]) for row in manifest["campaign_exclusions"]
    ] == list(mart.itertuples(index=False, name=None))
