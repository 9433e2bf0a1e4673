"""The clustering core on small synthetic tables: learned parameters, determinism, stable ids,
empty input and every configuration error.

Over 300 lines on purpose: one test per rule of the core, on shared synthetic tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bank_segmentation.clustering import (
    ConfigError,
    SegmentationConfig,
    fit_segmentation,
)
from bank_segmentation.clustering.dbt_adapter import fit_model_rows
from bank_segmentation.clustering.decision import decided_action, scoring_rows
from bank_segmentation.clustering.model import bounded_sample
from bank_segmentation.clustering.naming import (
    Centroid,
    Condition,
    FeatureNaming,
    name_holds,
    name_segments,
    rules_from_frame,
)
from bank_segmentation.clustering.persistence import model_from_frame, model_to_frame, registry_with
from bank_segmentation.clustering.selection import choose_k, required_share
from python_tests.nearest_centroid import nearest_segments

FEATURES = ("spend", "balance", "online")
CENTRES = {"low": (1.0, 10.0, 0.1), "mid": (5.0, 50.0, 0.5), "high": (20.0, 200.0, 0.9)}
CONFIG = SegmentationConfig(features=FEATURES, k_min=2, k_max=5, n_init=3, bootstrap_rounds=2)


def blobs(per_group: int, seed: int, groups: dict[str, tuple] = CENTRES) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for name, centre in groups.items():
        values = np.array(centre) * rng.lognormal(0, 0.08, size=(per_group, len(centre)))
        part = pd.DataFrame(values, columns=FEATURES)
        part["truth"] = name
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame.insert(0, "customer_id", [f"C{i:05d}" for i in range(len(frame))])
    frame["as_of_date"] = pd.Timestamp("2025-06-30")
    return frame


RULES = rules_from_frame(
    pd.DataFrame(
        {
            "segment_name": ["big", "small"],
            "priority": [1, 2],
            "feature": ["spend", "spend"],
            "min_z": [1.0, np.nan],
            "max_z": [np.nan, -0.5],
        }
    )
)


def test_finds_the_planted_groups_and_names_them_once():
    frame = blobs(200, seed=1)
    fitted = fit_segmentation(frame, CONFIG, naming_rules=RULES)
    assigned = nearest_segments(fitted.model, frame).merge(frame, on="customer_id")
    assert fitted.model.k == 3
    assert assigned.groupby("truth").segment_id.nunique().eq(1).all()
    names = dict(zip(fitted.model.segment_ids, fitted.model.segment_names, strict=True))
    assert {"big", "small"} <= set(names.values())
    (unnamed_id,) = [i for i, name in names.items() if name not in ("big", "small")]
    assert not names[unnamed_id].startswith("segment_")  # named from its features


def test_transform_parameters_are_learned_at_fit_and_reused_when_scoring():
    train = blobs(150, seed=2)
    model = fit_segmentation(train, CONFIG).model
    spend = next(t for t in model.transforms if t.feature == "spend")
    assert spend.imputation_value == pytest.approx(train.spend.median())
    # Score data from another distribution: the stored parameters, not refitted ones, apply.
    shifted = train.assign(spend=train.spend * 3, balance=train.balance + 40)
    expected = np.column_stack([t.apply(shifted[t.feature]) for t in model.transforms])
    distances = ((expected[:, None, :] - model.centroids[None, :, :]) ** 2).sum(axis=2)
    expected_ids = np.array(model.segment_ids)[distances.argmin(axis=1)]
    scored = nearest_segments(model, shifted)
    np.testing.assert_array_equal(scored.segment_id.to_numpy(), expected_ids)
    refitted = fit_segmentation(shifted, CONFIG).model
    assert next(t for t in refitted.transforms if t.feature == "spend") != spend


def test_missing_values_are_imputed_with_the_fitted_median():
    frame = blobs(100, seed=3)
    frame.loc[::7, "balance"] = np.nan
    fitted = fit_segmentation(frame, CONFIG)
    balance = next(t for t in fitted.model.transforms if t.feature == "balance")
    assert balance.imputation_value == pytest.approx(frame.balance.median())
    assert nearest_segments(fitted.model, frame).segment_id.notna().all()


def test_same_data_and_config_give_identical_segments_whatever_the_row_order():
    frame = blobs(120, seed=4)
    first = fit_segmentation(frame, CONFIG).model
    second = fit_segmentation(frame.sample(frac=1, random_state=9), CONFIG).model
    assert first.segment_ids == second.segment_ids
    np.testing.assert_array_equal(first.centroids, second.centroids)
    pd.testing.assert_frame_equal(nearest_segments(first, frame), nearest_segments(second, frame))


def test_retrain_keeps_ids_and_names_of_segments_that_still_exist_and_adds_new_ones():
    before = fit_segmentation(blobs(150, seed=5), CONFIG, naming_rules=RULES).model
    groups = {**CENTRES, "new": (60.0, 5.0, 0.95)}
    after = fit_segmentation(
        blobs(150, seed=6, groups=groups), CONFIG, naming_rules=RULES, previous=before
    ).model
    assert after.k == 4
    kept = dict(zip(before.segment_ids, before.segment_names, strict=True))
    now = dict(zip(after.segment_ids, after.segment_names, strict=True))
    centroids = after.centroid_points()
    for segment_id, name in kept.items():  # a name stays while its rule still holds
        assert (now[segment_id] == name) == name_holds(name, centroids[segment_id], RULES, {})
    (new_id,) = set(now) - set(kept)
    assert new_id == max(kept) + 1
    # the new group spends far more: 'big' no longer holds on the old one and moves to it
    assert now[new_id] == "big" and "big" not in [now[i] for i in kept]
    assert after.parent_model_version == before.model_version


def test_large_tables_fit_on_a_bounded_sample():
    frame = blobs(400, seed=7)
    config = SegmentationConfig(
        features=FEATURES, k_min=3, k_max=3, n_init=2, bootstrap_rounds=1, max_fit_rows=300
    )
    model = fit_segmentation(frame, config).model
    assert model.training_rows == 300
    assert len(nearest_segments(model, frame)) == len(frame)


@pytest.mark.parametrize("ids", [lambda i: f"C{i:05d}", lambda i: i * 7])
def test_the_bounded_sample_takes_the_customers_segmentation_fit_sample_takes_in_sql(ids):
    import duckdb

    frame = blobs(400, seed=7).assign(customer_id=lambda f: [ids(i) for i in range(len(f))])
    config = SegmentationConfig(features=FEATURES, max_fit_rows=300)
    with duckdb.connect() as connection:
        connection.register("features", frame)
        in_sql = connection.sql(
            "select customer_id from features order by md5(cast(customer_id as varchar)) limit 300"
        ).df()["customer_id"]
    assert set(bounded_sample(frame, config)["customer_id"]) == set(in_sql)


def test_a_version_added_again_replaces_its_rows_in_the_registry():
    settings = {"features": list(FEATURES), "k_min": 3, "k_max": 3, "bootstrap_rounds": 1}
    rules = pd.DataFrame(columns=["segment_name", "priority", "feature", "min_z", "max_z"])
    june = fit_model_rows(blobs(40, seed=1), rules, None, settings, "fit")
    july_data = blobs(40, seed=2).assign(as_of_date=pd.Timestamp("2025-07-31"))
    july = fit_model_rows(july_data, rules, june, settings, "fit")
    registry = registry_with(registry_with(june, july), july)
    assert registry.groupby("model_version").size().to_dict() == {
        june["model_version"].iloc[0]: len(june),
        july["model_version"].iloc[0]: len(july),
    }
    assert registry_with(None, june).equals(june.reset_index(drop=True))


def test_k_is_chosen_on_a_sample_and_the_chosen_k_fitted_on_the_fit_sample():
    frame = blobs(200, seed=3)
    config = SegmentationConfig(
        features=FEATURES, k_min=2, k_max=5, n_init=3, bootstrap_rounds=2, selection_sample_rows=90
    )
    model = fit_segmentation(frame, config).model
    assert model.k == 3
    assert model.training_rows == len(frame)
    # candidate shares are measured on the 90-row selection sample
    assert all(
        round(c.smallest_segment_share * 90) == c.smallest_segment_share * 90
        for c in model.candidates
    )


def test_a_k_whose_smallest_segment_is_too_small_on_the_fit_sample_gives_way_to_the_next():
    rng = np.random.default_rng(5)
    x = np.vstack(
        [
            rng.normal(0, 0.1, size=(300, 2)),
            rng.normal(5, 0.1, size=(300, 2)),
            rng.normal(10, 0.1, size=(6, 2)),  # 1 % of the rows: below the 2 % minimum
        ]
    )
    config = SegmentationConfig(
        features=FEATURES, k_min=2, k_max=3, n_init=3, min_segment_share=0.02
    )
    choice, candidates = choose_k(x, config)
    assert choice.k == 2 and len(choice.centroids) == 2 and len(choice.labels) == len(x)
    assert choice.fallback is None
    assert [c.k for c in candidates] == [2, 3]


def test_when_every_k_leaves_a_tiny_segment_they_are_merged_into_their_nearest():
    """Three groups and two far, tiny ones (0.5 % each): every k in 4..5 keeps one of the
    tiny ones apart, so the fallback merges it into its nearest segment."""
    rng = np.random.default_rng(7)
    x = np.vstack(
        [rng.normal(centre, 0.2, size=(400, 2)) for centre in (0, 5, 10)]
        + [rng.normal(centre, 0.05, size=(6, 2)) for centre in (40, 60)]
    )
    config = SegmentationConfig(features=FEATURES, k_min=4, k_max=5, n_init=3)
    choice, _ = choose_k(x, config)
    sizes = np.bincount(choice.labels)
    assert sizes.min() / len(x) >= 0.02
    assert choice.fallback and "merged the segments below it into their nearest" in choice.fallback
    assert choice.fallback in choice.warnings


def test_a_fit_sample_smaller_than_the_population_must_clear_the_minimum_share_by_a_margin():
    assert required_share(0.02, fit_rows=1_000, population_rows=1_000) == 0.02
    # 200k of 1M customers fitted: 2 standard errors of a 2 % share = 0.063 points
    assert required_share(0.02, 200_000, 1_000_000) == pytest.approx(0.020626, abs=1e-6)


def test_stored_model_round_trips_through_its_table():
    frame = blobs(100, seed=8)
    model = fit_segmentation(frame, CONFIG, as_of_date="2025-06-30", naming_rules=RULES).model
    table = model_to_frame(model)
    assert len(table) == model.k * len(model.features)
    restored = model_from_frame(table)
    assert restored.model_version == model.model_version
    assert restored.fit_fallback == model.fit_fallback
    pd.testing.assert_frame_equal(nearest_segments(model, frame), nearest_segments(restored, frame))


def test_a_constant_feature_is_left_out_with_a_warning():
    frame = blobs(100, seed=9).assign(online=0.0)
    model = fit_segmentation(frame, CONFIG).model
    assert "online" not in model.features
    assert any("online: constant" in w for w in model.warnings)


def points(z_by_segment: dict[int, dict[str, float]]) -> dict[int, Centroid]:
    """Centroids whose own-unit value is the z-score plus 10 (every absolute bound met)."""
    return {
        segment_id: Centroid(z=z, value={f: v + 10 for f, v in z.items()})
        for segment_id, z in z_by_segment.items()
    }


def test_names_come_from_rules_first_then_from_the_defining_features_in_words():
    centroids = points(
        {
            1: {"spend": 2.0, "cash_advance_count": 0.1},
            2: {"spend": -1.5, "cash_advance_count": 2.2},
            3: {"spend": 0.1, "cash_advance_count": -0.2},
            4: {"spend": -1.4, "cash_advance_count": 2.0},
        }
    )
    rules = [("big", [Condition("spend", 1.0, np.inf)])]
    naming = {"cash_advance_count": FeatureNaming("cash_advance")}  # as seed feature_catalogue
    assert name_segments(centroids, rules, naming) == {
        1: "big",
        2: "high_cash_advance_low_spend_higher_cash_advance",
        3: "typical",
        4: "high_cash_advance_low_spend_lower_cash_advance",
    }
    kept = name_segments(centroids, rules, naming, already_named={2: "careful_borrowers"})
    assert kept[2] == "careful_borrowers" and kept[4] == "high_cash_advance_low_spend"


def test_a_near_constant_feature_is_left_out_with_a_warning():
    frame = blobs(150, seed=9)
    frame["online"] = 0.0
    frame.loc[frame.index[:4], "online"] = 1.0  # 4 of 450 customers: 99.1 % share one value
    model = fit_segmentation(frame, CONFIG).model
    assert "online" not in model.features
    assert any("online: 99.1% of customers have the same value" in w for w in model.warnings)


def test_fewer_distinct_profiles_than_k_min_stop_with_the_setting_to_change():
    frame = blobs(100, seed=14)
    frame["spend"] = np.where(frame.index % 2 == 0, 1.0, 2.0)
    frame["balance"] = np.where(frame.index % 2 == 0, 10.0, 20.0)
    frame["online"] = np.where(frame.index % 2 == 0, 0.1, 0.2)
    config = SegmentationConfig(**{**CONFIG.__dict__, "k_min": 3, "k_max": 4})
    with pytest.raises(ConfigError) as error:
        fit_segmentation(frame, config)
    assert "only 2 distinct customer profile(s), fewer than k_min=3" in str(error.value)
    assert "Lower k_min (segmentation.k_min)" in str(error.value)


def test_one_extreme_customer_does_not_get_a_segment_of_its_own():
    frame = blobs(150, seed=15)
    frame.loc[frame.index[0], ["spend", "balance"]] = [1e6, 1e7]
    fitted = fit_segmentation(frame, CONFIG)
    shares = nearest_segments(fitted.model, frame).segment_id.value_counts(normalize=True)
    assert shares.min() >= CONFIG.min_segment_share


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"features": ("spend", "income")}, "features: unknown feature(s) income"),
        ({"k_min": 5, "k_max": 3}, "k range: need 2 <= k_min <= k_max, got k_min=5, k_max=3"),
        ({"k_min": 1}, "k range: need 2 <= k_min <= k_max"),
        ({"algorithm": "dbscan"}, "algorithm: 'dbscan' is not one of"),
        (
            {"selection_sample_rows": 5},
            "selection_sample_rows and max_fit_rows: must exceed k_max (5)",
        ),
        ({"k_min": 400, "k_max": 400}, "fewer customers (300) than the smallest k (400)"),
    ],
)
def test_unusable_config_fails_with_a_clear_message(change, message):
    config = SegmentationConfig(**{**CONFIG.__dict__, **change})
    with pytest.raises(ConfigError) as error:
        fit_segmentation(blobs(100, seed=10), config)
    assert message in str(error.value)


def test_all_customers_identical_stop_with_one_message_naming_the_setting():
    frame = blobs(50, seed=11).assign(spend=1.0, balance=2.0, online=0.0)
    with pytest.raises(ConfigError) as error:
        fit_segmentation(frame, CONFIG)
    assert "every clustering feature is constant, near-constant or empty" in str(error.value)
    assert "segmentation.features, var segmentation_features" in str(error.value)


def test_settings_from_yaml_are_checked_and_coerced():
    config = SegmentationConfig.from_mapping({"k_min": "4", "features": ["a", "b"]})
    assert config.k_min == 4 and config.features == ("a", "b")
    with pytest.raises(ConfigError, match="unknown segmentation setting"):
        SegmentationConfig.from_mapping({"n_clusters": 4})
    with pytest.raises(ConfigError, match="k_max: expected a number"):
        SegmentationConfig.from_mapping({"k_max": "ten"})


def test_dbt_glue_handles_empty_input_and_modes():
    empty = blobs(10, seed=12).iloc[0:0]
    rules = pd.DataFrame(columns=["segment_name", "priority", "feature", "min_z", "max_z"])
    settings = {"features": list(FEATURES), "k_min": 2, "k_max": 3}
    rows = fit_model_rows(empty, rules, None, settings, "fit")
    assert rows.empty and "centroid_scaled" in rows.columns
    with pytest.raises(ConfigError, match="segmentation_mode=score: no stored segmentation"):
        fit_model_rows(empty, rules, None, settings, "score")
    with pytest.raises(ConfigError, match="segmentation_mode: 'refit' is not one of"):
        fit_model_rows(empty, rules, None, settings, "refit")
    stored = fit_model_rows(blobs(60, seed=13), rules, None, settings, "fit")
    assert fit_model_rows(blobs(60, seed=13), rules, stored, settings, "score").empty
    earlier = blobs(60, seed=13).assign(as_of_date=pd.Timestamp("2025-05-31"))
    with pytest.raises(ConfigError, match="no stored segmentation model trained on or before"):
        fit_model_rows(earlier, rules, stored, settings, "score")


def test_a_scoring_build_adds_no_rows_and_needs_a_stored_version():
    rules = pd.DataFrame(columns=["segment_name", "priority", "feature", "min_z", "max_z"])
    settings = {"features": list(FEATURES), "k_min": 2, "k_max": 3}
    stored = fit_model_rows(blobs(60, seed=13), rules, None, settings, "fit")
    decided = pd.DataFrame(
        {
            "as_of_date": [pd.Timestamp("2025-07-31")],
            "action": ["score"],
            "stored_model_version": [stored.model_version.iloc[0]],
        }
    )
    assert decided_action("auto", decided) == "score"
    assert scoring_rows(stored, decided).empty
    unknown = decided.assign(stored_model_version=[None])
    with pytest.raises(ConfigError, match="on or before 2025-07-31; build that as-of date"):
        scoring_rows(stored, unknown)
    assert decided_action("auto", decided.assign(action=["retrain"])) == "fit"
    with pytest.raises(ConfigError, match="segmentation_mode: 'sometimes' is not one of"):
        decided_action("sometimes", decided)
