"""Monthly operation on autopilot (segmentation_mode auto, the default): six month-end builds
of one warehouse, as a bank runs the project, with a change of behaviour planted from month
five on. The model is fitted once, scored while the customers look like those it was fitted
on, and retrained (segment ids kept) when they do not, or when it is old."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from python_tests.dbt_helpers import run_dbt
from python_tests.messy_extract import copy_raw, read, write

MONTH_ENDS = ("2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30")
SHIFT_FROM = pd.Timestamp("2025-05-01")
# each month on its own, so that a change of behaviour shows in full in its month
LOOKBACK_MONTHS = 1
# How customers transact, which the demo keeps steady month after month. Its deposit balances
# grow from the extract's first month (PSI 0.27 against January by April), so with the default
# features auto retrains on the demo every three months or so, as it should.
STEADY_FEATURES = (
    "transactions_per_month,spend_per_month_amount,average_ticket_amount,online_share,"
    "card_present_share,cash_share,recurring_income_amount"
)


def month_vars(as_of: str, extra: str = "") -> str:
    return (
        f"{{as_of_date: '{as_of}', lookback_months: {LOOKBACK_MONTHS}, "
        f"segmentation_features: '{STEADY_FEATURES}'{extra}}}"
    )


def decisions(database: Path) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(
            "select as_of_date, action, reason, model_version, stored_model_version "
            "from segmentation_decisions order by as_of_date"
        ).df()


def segments_of(database: Path, version: str) -> dict[int, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select distinct segment_id, segment_name from segmentation_model "
            "where model_version = ?",
            [version],
        ).fetchall()
    return dict(rows)


@pytest.fixture(scope="module")
def shifted_raw(demo_raw: Path, tmp_path_factory) -> Path:
    """The demo extract with online card payments made at the till from May on: the online
    and card-present shares of every customer who paid online move in May and stay there."""
    raw = copy_raw(demo_raw, tmp_path_factory.mktemp("shifted_raw"))
    transactions = read(raw, "transactions")
    moved = pd.to_datetime(transactions.booked_at) >= SHIFT_FROM
    transactions.loc[moved, "channel"] = transactions.loc[moved, "channel"].replace(
        {"card_online": "card_pos"}
    )
    write(raw, "transactions", transactions)
    return raw


# the models and seeds only: the data tests run on the last month's build
WITHOUT_TESTS = ("--exclude-resource-type", "test", "--exclude-resource-type", "unit_test")


@pytest.fixture(scope="module")
def six_months(shifted_raw: Path, tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("autopilot") / "autopilot.duckdb"
    for as_of in MONTH_ENDS:
        quick = WITHOUT_TESTS if as_of != MONTH_ENDS[-1] else ()
        run_dbt(
            ["build", *quick, "--vars", month_vars(as_of)], raw_path=shifted_raw, database=database
        )
    return database


def test_fitted_once_scored_while_stable_retrained_when_behaviour_moved(six_months):
    made = decisions(six_months)
    assert made.as_of_date.dt.strftime("%Y-%m-%d").tolist() == list(MONTH_ENDS)
    assert made.action.tolist() == ["fit", "score", "score", "score", "retrain", "score"]
    first, may = made.model_version.iloc[0], made.model_version.iloc[4]
    assert made.model_version.iloc[1:4].eq(first).all()
    assert may != first and made.model_version.iloc[5] == may
    assert made.reason.iloc[0].startswith("no stored model trained on or before 2025-01-31")
    assert "stable since training on 2025-01-31" in made.reason.iloc[3]
    moved = made.reason.iloc[4]
    assert moved.split(" ")[0] in ("online_share", "card_present_share"), moved
    assert "psi_retrain_threshold: 0.25" in moved


def test_a_retrain_keeps_the_ids_of_the_segments_that_still_exist(six_months):
    made = decisions(six_months)
    before = segments_of(six_months, made.model_version.iloc[0])
    after = segments_of(six_months, made.model_version.iloc[4])
    kept = set(before) & set(after)
    assert len(kept) >= len(before) // 2
    assert max(after) <= max(before) + len(set(after) - kept)
    with duckdb.connect(str(six_months), read_only=True) as connection:
        parents = connection.execute(
            "select distinct parent_model_version from segmentation_model where model_version = ?",
            [made.model_version.iloc[4]],
        ).fetchall()
    assert parents == [(made.model_version.iloc[0],)]


def test_an_old_model_is_retrained_for_its_age(demo_raw: Path, tmp_path):
    database = tmp_path / "aging.duckdb"
    for as_of in MONTH_ENDS[:3]:
        run_dbt(
            ["build", *WITHOUT_TESTS, "--vars", month_vars(as_of, ", retrain_after_months: 2")],
            raw_path=demo_raw,
            database=database,
        )
    made = decisions(database)
    assert made.action.tolist() == ["fit", "score", "retrain"]
    assert made.reason.iloc[2] == (
        "the model was trained on 2025-01-31, 2 months ago (retrain_after_months: 2)"
    )


# a window that grows month by month: lookback 6 from the extract's third month end
GROWING_WINDOW_MONTH_ENDS = ("2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30")
# steady behaviour, with the window's counts per month as the catalogue declares them
GROWING_WINDOW_FEATURES = f"{STEADY_FEATURES},cash_advances_per_month,loan_applications_per_month"


def test_a_window_that_grows_from_three_to_six_months_scores_every_month(demo_raw: Path, tmp_path):
    database = tmp_path / "growing_window.duckdb"
    for as_of in GROWING_WINDOW_MONTH_ENDS:
        run_dbt(
            [
                "build",
                *WITHOUT_TESTS,
                "--vars",
                f"{{as_of_date: '{as_of}', lookback_months: 6, "
                f"segmentation_features: '{GROWING_WINDOW_FEATURES}'}}",
            ],
            raw_path=demo_raw,
            database=database,
        )
    made = decisions(database)
    assert made.action.tolist() == ["fit", "score", "score", "score"], made.reason.tolist()
    with duckdb.connect(str(database), read_only=True) as connection:
        counts = connection.sql(
            "select as_of_date, frequency_count from segment_history "
            "where as_of_date in ('2025-03-31', '2025-06-30')"
        ).df()
        watched = connection.sql(
            "select distinct feature from feature_bin_shares where as_of_date = '2025-06-30'"
        ).df()
    # the window did grow: a count over it (transactions) moved past the retrain threshold,
    # in the training deciles, which the same count per month did not
    first, last = (group.frequency_count for _, group in counts.groupby("as_of_date"))
    assert psi_in_training_deciles(first, last) > 0.25
    # and every feature the model clusters on was weighed
    assert set(watched.feature) == set(GROWING_WINDOW_FEATURES.split(","))


def psi_in_training_deciles(training: pd.Series, now: pd.Series) -> float:
    """The population stability index of `now` against `training`, in training's deciles."""
    edges = np.unique(training.quantile(np.linspace(0.1, 0.9, 9)))
    shares = [
        np.maximum(
            np.bincount(np.searchsorted(edges, values), minlength=len(edges) + 1) / len(values),
            0.0001,
        )
        for values in (training, now)
    ]
    return float(np.sum((shares[1] - shares[0]) * np.log(shares[1] / shares[0])))
