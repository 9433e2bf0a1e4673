"""Segment marts over several as-of dates: history and migration against an independent
computation, history replacement, the semantic layer against the summary mart, and drift."""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from python_tests.conftest import HISTORY_AS_OF_DATES, history_vars
from python_tests.dbt_helpers import PROJECT_DIR, DbtFailed, run_dbt
from python_tests.messy_extract import copy_raw, read, write


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


def expected_migration(assignments_by_date: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Moves between consecutive month ends, counted with pandas from the per-month copies."""
    rows = []
    dates = sorted(assignments_by_date)
    for previous, current in itertools.pairwise(dates):
        merged = assignments_by_date[previous].merge(
            assignments_by_date[current],
            on="customer_id",
            how="outer",
            suffixes=("_from", "_to"),
        )
        merged["from_segment_name"] = merged.segment_name_from.fillna("new_customer")
        merged["to_segment_name"] = merged.segment_name_to.fillna("lost_customer")
        counted = merged.groupby(["from_segment_name", "to_segment_name"]).size()
        for (from_name, to_name), customers in counted.items():
            rows.append((current, from_name, to_name, int(customers)))
    frame = pd.DataFrame(
        rows, columns=["as_of_date", "from_segment_name", "to_segment_name", "customers"]
    )
    return frame.sort_values(["as_of_date", "from_segment_name", "to_segment_name"]).reset_index(
        drop=True
    )


def test_history_holds_every_month_as_it_was_assigned(history_warehouse):
    database = history_warehouse.database
    assignments_by_date = history_warehouse.assignments_by_date
    history = query(
        database,
        """
        select cast(as_of_date as varchar) as as_of_date, customer_id, segment_id, segment_name
        from segment_history order by as_of_date, customer_id
    """,
    )
    expected = pd.concat(
        [frame.assign(as_of_date=as_of) for as_of, frame in assignments_by_date.items()]
    )[["as_of_date", "customer_id", "segment_id", "segment_name"]]
    expected = expected.sort_values(["as_of_date", "customer_id"]).reset_index(drop=True)
    assert sorted(history.as_of_date.unique()) == list(HISTORY_AS_OF_DATES)
    pd.testing.assert_frame_equal(history, expected, check_dtype=False)


def test_migration_matches_an_independent_count(history_warehouse):
    database = history_warehouse.database
    assignments_by_date = history_warehouse.assignments_by_date
    migration = query(
        database,
        """
        select cast(as_of_date as varchar) as as_of_date, from_segment_name, to_segment_name,
               customers
        from segment_migration order by as_of_date, from_segment_name, to_segment_name
    """,
    )
    pd.testing.assert_frame_equal(
        migration, expected_migration(assignments_by_date), check_dtype=False
    )
    new_customers = migration[migration.from_segment_name == "new_customer"].customers.sum()
    assert new_customers > 0  # the demo onboards customers during the window


def test_rebuilding_a_past_month_replaces_its_history_rows(history_warehouse, demo_raw, tmp_path):
    database = tmp_path / "rebuilt.duckdb"
    shutil.copy(history_warehouse.database, database)
    before = query(database, "select * from segment_history order by as_of_date, customer_id")
    run_dbt(
        ["build", "--select", "+segment_history", "--vars", history_vars("2025-05-31")],
        raw_path=demo_raw,  # the extract May was built from
        database=database,
    )
    after = query(database, "select * from segment_history order by as_of_date, customer_id")
    assert (
        len(after)
        == len(before)
        == sum(len(f) for f in history_warehouse.assignments_by_date.values())
    )
    pd.testing.assert_frame_equal(before, after)


DOCS_MF_QUERY = re.compile(r"^\.venv/bin/mf (query .*)$", re.MULTILINE)


def run_mf(database: Path, arguments: list[str], output: Path) -> pd.DataFrame:
    """`mf <arguments> --csv output` on `database` (semantic manifest: the project's target/)."""
    env = {**os.environ, "BANKSEG_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    mf = Path(sys.executable).parent / "mf"
    result = subprocess.run(
        [str(mf), *arguments, "--csv", str(output)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return pd.read_csv(output)


@pytest.fixture(scope="module")
def semantic_manifest(history_warehouse, demo_raw) -> Path:
    # mf reads the semantic manifest from the project's target/, which names the warehouse
    database = history_warehouse.database
    run_dbt(["parse"], raw_path=demo_raw, database=database, target_path=PROJECT_DIR / "target")
    return database


def test_the_metricflow_examples_of_the_bi_docs_agree_with_the_marts(semantic_manifest, tmp_path):
    database = semantic_manifest
    examples = DOCS_MF_QUERY.findall((PROJECT_DIR / "docs" / "bi.md").read_text())
    assert len(examples) == 4, examples
    by_segment, borderline, campaigns, _ = (
        run_mf(database, shlex.split(example), tmp_path / f"example_{i}.csv")
        for i, example in enumerate(examples)
    )
    customers = query(
        database,
        """
        select segment_name as customer__segment_name, count(*) as customers,
               count(*) / sum(count(*)) over () as segment_share,
               avg(spend_per_month_amount) as spend_per_customer,
               count(*) filter (where assignment_confidence = 'borderline')
                   / sum(count(*)) over () as borderline_share
        from customer_segments group by 1
        """,
    )
    joined = customers.merge(by_segment, on="customer__segment_name", validate="one_to_one")
    assert len(joined) == len(customers) == len(by_segment)
    assert (joined.customers_x == joined.customers_y).all()
    for metric in ("segment_share", "spend_per_customer"):
        assert ((joined[f"{metric}_x"] - joined[f"{metric}_y"]).abs() < 1e-3).all(), metric
    assert abs(by_segment.segment_share.sum() - 1) < 1e-3
    shares = customers.merge(borderline, on="customer__segment_name")
    assert ((shares.borderline_share - shares.segment_share_y).abs() < 1e-3).all()
    targets = query(
        database,
        """
        select action as campaign_target__action, segment_name as customer__segment_name,
               sum(expected_value_amount) as campaign_expected_value,
               avg(expected_value_amount) as expected_value_per_targeted_customer
        from campaign_targets group by 1, 2
        """,
    )
    compared = targets.merge(
        campaigns, on=["campaign_target__action", "customer__segment_name"], validate="one_to_one"
    )
    assert len(compared) == len(targets) == len(campaigns)
    for metric in ("campaign_expected_value", "expected_value_per_targeted_customer"):
        relative = (compared[f"{metric}_x"] - compared[f"{metric}_y"]).abs() / compared[
            f"{metric}_x"
        ].abs().clip(lower=1)
        assert (relative < 1e-3).all(), metric


def test_metricflow_query_agrees_with_the_summary_mart(semantic_manifest, tmp_path):
    database = semantic_manifest
    metrics = run_mf(
        database,
        [
            "query",
            "--metrics",
            "segment_customers,segment_spend_per_month",
            "--group-by",
            "segment_snapshot__segment_name,metric_time",
        ],
        tmp_path / "mf.csv",
    )
    metrics["as_of_date"] = pd.to_datetime(metrics.metric_time__day).dt.strftime("%Y-%m-%d")
    summary = query(
        database,
        """
        select cast(as_of_date as varchar) as as_of_date, segment_name, customers,
               total_spend_per_month_amount
        from segment_summary
    """,
    )
    joined = summary.merge(
        metrics,
        left_on=["as_of_date", "segment_name"],
        right_on=["as_of_date", "segment_snapshot__segment_name"],
        validate="one_to_one",
    )
    assert len(joined) == len(summary) == len(metrics)
    assert (joined.customers == joined.segment_customers).all()
    pd.testing.assert_series_equal(
        joined.total_spend_per_month_amount, joined.segment_spend_per_month, check_names=False
    )


def test_drift_marts_cover_every_month_and_a_month_against_itself_is_zero(history_warehouse):
    database = history_warehouse.database
    drift = query(database, "select * from segment_feature_drift")
    assert sorted(drift.as_of_date.astype(str).unique()) == sorted(HISTORY_AS_OF_DATES)
    # every month was refitted (fit mode): compared with its own training date, PSI is 0
    assert (drift.as_of_date == drift.training_as_of_date).all()
    assert (drift.psi_vs_training == 0).all()
    first = drift.as_of_date == drift.as_of_date.min()
    assert drift[first].psi_vs_previous.isna().all()
    assert drift[~first].psi_vs_previous.notna().all()
    shares = query(database, "select * from segment_share_drift")
    totals = shares.groupby("as_of_date").customer_share_pct.sum()
    assert ((totals - 100).abs() < 1e-9).all()


def test_scoring_a_month_whose_customers_moved_stops_and_says_retrain(history_warehouse, tmp_path):
    """The stored May model scores a June where every online card payment became a card
    payment at a till: online share moves far from May's (PSI > 0.25), and in score mode the
    build fails on the drift test, which names the fix."""
    database = tmp_path / "score.duckdb"
    shutil.copy(history_warehouse.before_last_month, database)
    raw = copy_raw(history_warehouse.last_month_raw, tmp_path / "raw")
    transactions = read(raw, "transactions")
    transactions["channel"] = transactions.channel.replace({"card_online": "card_pos"})
    write(raw, "transactions", transactions)
    variables = history_vars(HISTORY_AS_OF_DATES[-1], mode="score")
    with pytest.raises(DbtFailed) as failed:
        run_dbt(["build", "--vars", variables], raw_path=raw, database=database)
    message = str(failed.value)
    assert re.search(
        r"features_shifted_since_training_retrain_the_model: Got \d+ results?, configured to fail",
        message,
    ), message
    # the same move against the month before is a warning
    assert re.search(
        r"features_drifting_since_the_previous_as_of_date: Got \d+ results?, configured to warn",
        message,
    ), message
    # the failing rows are kept where dbt's log points: the features, and what to do
    shifted = query(
        database,
        "select feature, what_to_do "
        "from main_dbt_test__audit.features_shifted_since_training_retrain_the_model",
    )
    assert "online_share" in set(shifted.feature)
    assert shifted.what_to_do.str.startswith("retrain").all()
