"""What a build does with the model, fit or score, from segmentation_decision's row: the part
of the dbt Python model that runs every month, kept free of scikit-learn so that a build that
only scores does not import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bank_segmentation.clustering.config import ConfigError

MODES = ("auto", "fit", "score")
ACTIONS = ("fit", "retrain", "score")  # what segmentation_decision decides


def to_pandas(relation: Any) -> pd.DataFrame:
    """What dbt.ref() returns on each adapter -> pandas (DuckDB relation, Spark/Snowpark
    DataFrame, or already pandas)."""
    if isinstance(relation, pd.DataFrame):
        return relation
    for method in ("df", "toPandas", "to_pandas"):
        if hasattr(relation, method):
            return getattr(relation, method)()
    raise TypeError(f"cannot turn {type(relation).__name__} into a pandas DataFrame")


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ConfigError(f"segmentation_mode: '{mode}' is not one of {', '.join(MODES)}")
    return mode


def decided_action(mode: str, decision: pd.DataFrame) -> str:
    """What this build does, fit or score, from segmentation_decision's one row (its action:
    fit, retrain or score). The var is checked here, where a wrong value is named."""
    check_mode(mode)
    if decision.empty:
        return "fit" if mode != "score" else "score"
    action = str(decision["action"].iloc[0])
    if action not in ACTIONS:
        raise ConfigError(f"segmentation_decision: action '{action}' is not one of {ACTIONS}")
    return "score" if action == "score" else "fit"


def scoring_rows(stored_models: pd.DataFrame | None, decision: pd.DataFrame) -> pd.DataFrame:
    """The registry rows a scoring build adds: none (the stored registry's columns, no row),
    once there is a stored version to score with (segmentation_decision's
    stored_model_version). Without one, say which setting to change."""
    version = None if decision.empty else decision["stored_model_version"].iloc[0]
    if stored_models is None or stored_models.empty or version is None or pd.isna(version):
        as_of = "this as-of date" if decision.empty else str(decision["as_of_date"].iloc[0])[:10]
        raise ConfigError(
            "segmentation_mode=score: no stored segmentation model trained on or before "
            f"{as_of}; build that as-of date once with segmentation_mode=fit (or auto)"
        )
    return stored_models.iloc[:0]


@dataclass(frozen=True)
class FitInputs:
    """What a fit reads besides the stored registry, read only when the build fits."""

    sample: pd.DataFrame  # segmentation_fit_sample
    naming_rules: pd.DataFrame  # seed segment_naming_rules
    feature_catalogue: pd.DataFrame  # seed feature_catalogue
    window: pd.DataFrame  # feature_window


def registry_rows(
    mode: str | None,
    decision: pd.DataFrame,
    stored_models: pd.DataFrame | None,
    settings: dict[str, Any] | None,
    features_override: str | None,
    fit_inputs: Callable[[], FitInputs],
) -> pd.DataFrame:
    """The registry rows this build adds, wherever it fits (the dbt Python model
    segmentation_model, or bank_segmentation.driver_fit): none when it scores, else a model
    version fitted on fit_inputs() (scikit-learn is imported only then)."""
    action = decided_action(mode or "auto", decision)
    if action == "score":
        return scoring_rows(stored_models, decision)
    from bank_segmentation.clustering.dbt_adapter import fit_model_rows

    inputs = fit_inputs()
    return fit_model_rows(
        inputs.sample,
        inputs.naming_rules,
        stored_models,
        settings or {},
        action,
        features_override,
        feature_catalogue=inputs.feature_catalogue,
        window=inputs.window,
    )
