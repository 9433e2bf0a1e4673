"""Segments that tell the truth: names the centroids bear out, and a verdict that says when the
segments are weak or carry no structure at all. Crafted feature tables for the fit, one dbt
build for the WARNs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from bank_segmentation.clustering import SegmentationConfig, SegmentationModel, fit_segmentation
from bank_segmentation.clustering.naming import name_holds, naming_from_catalogue, rules_from_frame
from bank_segmentation.clustering.persistence import model_from_frame
from bank_segmentation.feature_catalogue import read_catalogue_frame
from python_tests.dbt_helpers import PROJECT_DIR, run_dbt
from python_tests.messy_extract import AS_OF, copy_raw, read, write

RULES = rules_from_frame(pd.read_csv(PROJECT_DIR / "seeds" / "segment_naming_rules.csv"))
NAMING = naming_from_catalogue(read_catalogue_frame())
CONFIG = SegmentationConfig(k_min=3, k_max=6, n_init=3, bootstrap_rounds=3)
CUSTOMERS = 1_500


def population(rng: np.random.Generator, n: int, **overrides) -> pd.DataFrame:
    """Every default feature drawn independently per customer (no groups at all); a feature
    given in `overrides` takes that array or value instead."""
    columns = {
        "spend_per_month_amount": rng.lognormal(6.0, 0.8, n),
        "average_ticket_amount": rng.lognormal(3.5, 0.5, n),
        "transactions_per_month": rng.gamma(6.0, 4.0, n),
        "recurring_income_amount": rng.lognormal(7.8, 0.4, n),
        "average_deposit_balance_amount": rng.lognormal(8.0, 1.0, n),
        "savings_rate": rng.beta(2, 12, n),
        "online_share": rng.beta(3, 5, n),
        "card_present_share": rng.beta(4, 4, n),
        "cash_share": rng.beta(2, 8, n),
        "credit_utilisation": rng.beta(2, 6, n),
        "cash_advances_per_month": rng.poisson(0.3, n) / 6,  # counts over a 6-month window
        "loan_applications_per_month": rng.poisson(0.2, n) / 6,
        **overrides,
    }
    frame = pd.DataFrame({k: np.broadcast_to(v, n).astype(float) for k, v in columns.items()})
    frame.insert(0, "customer_id", [f"C{i:05d}" for i in range(n)])
    frame["as_of_date"] = pd.Timestamp("2025-06-30")
    return frame


def fit(frame: pd.DataFrame) -> SegmentationModel:
    model = fit_segmentation(frame, CONFIG, naming_rules=RULES, naming=NAMING).model
    assert_names_hold(model)
    return model


def assert_names_hold(model: SegmentationModel) -> None:
    """The property: every segment's name (rule conditions, high_/low_ words) holds on its own
    centroid, and no name carries a number."""
    for segment_id, centroid in model.centroid_points().items():
        name = model.segment_names[model.segment_ids.index(segment_id)]
        assert name_holds(name, centroid, RULES, NAMING), (name, centroid)
        assert not re.search(r"\d", name), name
    assert len(set(model.segment_names)) == model.k


def reason_codes(model: SegmentationModel) -> list[str]:
    return [reason.split(":")[0] for reason in model.verdict_reasons]


def test_independent_draws_per_customer_have_no_structure():
    model = fit(population(np.random.default_rng(1), CUSTOMERS))
    assert model.verdict == "no_structure", model.verdict_reasons
    assert "no_better_than_null" in reason_codes(model)


def test_one_informative_feature_is_weak_and_named():
    rng = np.random.default_rng(2)
    active = rng.random(CUSTOMERS) < 0.7
    transactions = np.where(active, rng.normal(30, 3, CUSTOMERS), rng.normal(2, 0.5, CUSTOMERS))
    constants = {feature: 1.0 for feature in CONFIG.features if feature != "transactions_per_month"}
    model = fit(population(rng, CUSTOMERS, transactions_per_month=transactions, **constants))
    assert model.verdict == "weak", model.verdict_reasons
    (few,) = [r for r in model.verdict_reasons if r.startswith("few_features:")]
    assert "(transactions_per_month)" in few
    assert "features_dropped" in reason_codes(model)


def test_an_inactive_population_gets_no_name_its_numbers_deny():
    rng = np.random.default_rng(3)
    model = fit(
        population(
            rng,
            CUSTOMERS,
            transactions_per_month=rng.gamma(1.5, 0.4, CUSTOMERS),  # under 1 a month on average
            online_share=rng.beta(1, 12, CUSTOMERS),
            cash_share=rng.beta(1, 12, CUSTOMERS),
        )
    )
    claims = ("high_transactions", "digital_first", "everyday", "mainstream", "high_spenders")
    assert not [n for n in model.segment_names if n.startswith(claims)], model.segment_names


def test_a_planted_dormant_group_is_named_dormant_and_the_rest_apart():
    rng = np.random.default_rng(4)
    frame = population(rng, CUSTOMERS)
    dormant = rng.random(CUSTOMERS) < 0.15
    frame.loc[dormant, ["spend_per_month_amount", "average_ticket_amount"]] = 0.0
    frame.loc[dormant, "transactions_per_month"] = rng.uniform(0.5, 2.5, dormant.sum())
    frame.loc[dormant, ["online_share", "card_present_share", "cash_share"]] = 0.0
    model = fit(frame)
    assert "dormant" in model.segment_names, model.segment_names


def test_two_segments_no_rule_fits_get_two_names():
    rng = np.random.default_rng(5)
    frame = (
        population(rng, 600)
        .iloc[:, :1]
        .assign(
            branch_share=np.r_[rng.normal(0.10, 0.01, 300), rng.normal(0.14, 0.01, 300)],
            product_breadth=np.r_[rng.normal(2.0, 0.1, 300), rng.normal(2.1, 0.1, 300)],
            as_of_date=pd.Timestamp("2025-06-30"),
        )
    )
    config = SegmentationConfig(
        features=("branch_share", "product_breadth"), k_min=2, k_max=2, bootstrap_rounds=2
    )
    model = fit_segmentation(frame, config, naming_rules=RULES, naming=NAMING).model
    assert_names_hold(model)
    assert model.k == 2 and len(set(model.segment_names)) == 2, model.segment_names


@pytest.fixture(scope="module")
def structureless_warehouse(clean_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The tiny demo extract with every transaction moved to a current account drawn at
    random: each customer's bookings are independent draws from the same pool. Built on its
    transaction features alone."""
    raw = copy_raw(clean_raw, tmp_path_factory.mktemp("structureless_raw"))
    rng = np.random.default_rng(6)
    accounts = read(raw, "accounts")
    current = accounts.loc[accounts.product_type == "current", "account_id"].to_numpy()
    transactions = read(raw, "transactions")
    transactions["account_id"] = rng.choice(current, size=len(transactions))
    write(raw, "transactions", transactions)
    write(raw, "balances", read(raw, "balances").iloc[0:0])
    database = raw.parent / "structureless.duckdb"
    features = "transactions_per_month,spend_per_month_amount,average_ticket_amount,cash_share"
    result = run_dbt(
        ["build", "--vars", f"{{as_of_date: '{AS_OF}', segmentation_features: '{features}'}}"],
        raw_path=raw,
        database=database,
    )
    return database, result


def test_a_structureless_extract_builds_with_a_warn_per_reason(structureless_warehouse):
    database, result = structureless_warehouse
    with duckdb.connect(str(database), read_only=True) as connection:
        verdict, reasons = connection.sql(
            "select distinct verdict, verdict_reasons from segmentation_model"
        ).fetchall()[0]
    assert verdict == "no_structure", reasons
    warned = {r.node.name for r in result.result if r.status == "warn"}
    tests_by_reason = {
        "no_better_than_null": "segmentation_model_is_no_better_than_its_null_reference",
        "fallback_k": "segmentation_model_fell_back_on_a_k",
        "stability_below_floor": "segmentation_model_stability_is_below_the_floor",
        "features_dropped": "segmentation_model_left_features_out",
        "few_features": "segmentation_model_has_too_few_features",
        "short_window": "segmentation_model_window_is_shorter_than_the_lookback",
        "high_borderline_share": "segmentation_model_has_many_borderline_customers",
    }
    codes = {reason.split(":")[0] for reason in json.loads(reasons)}
    assert codes <= set(tests_by_reason)
    assert {tests_by_reason[code] for code in codes} <= warned
    assert not {tests_by_reason[code] for code in set(tests_by_reason) - codes} & warned


def test_every_name_of_the_demo_builds_holds_and_the_demo_model_is_strong(
    demo_warehouse, history_warehouse
):
    for database in (demo_warehouse, history_warehouse.database):
        registry = registry_of(database)
        for version in registry.model_version.unique():
            assert_names_hold(model_from_frame(registry, version))
    demo = model_from_frame(registry_of(demo_warehouse))
    assert demo.verdict == "strong", demo.verdict_reasons


def registry_of(database: Path) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql("select * from segmentation_model").df()
