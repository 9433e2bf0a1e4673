"""The glue between dbt Python models and the clustering core, kept here so it is testable.

The dbt Python model segmentation_model only reads config and refs and calls these functions;
customers are scored in SQL (models/clustering/customer_segment_assignments.sql).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pandas as pd

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig
from bank_segmentation.clustering.decision import check_mode
from bank_segmentation.clustering.model import fit_segmentation
from bank_segmentation.clustering.naming import naming_from_catalogue, rules_from_frame
from bank_segmentation.clustering.persistence import (
    empty_model_frame,
    model_from_frame,
    model_to_frame,
    model_version_for,
)
from bank_segmentation.clustering.verdict import STRONG, VerdictReason
from bank_segmentation.feature_catalogue import catalogue_from_frame, clustered_by_default

log = logging.getLogger(__name__)

POPULATION_COLUMN = "population_customers"  # segmentation_fit_sample's count of all customers


def window_reasons(window: pd.DataFrame) -> list[VerdictReason]:
    """What the verdict should say about the feature window (feature_window): whether the
    extract was shorter than the lookback."""
    if window.empty:
        return []
    first = window.iloc[0]
    months, lookback = int(first["window_months"]), int(first["lookback_months"])
    if months >= lookback:
        return []
    start = pd.Timestamp(first["window_start_date"]).date()
    return [
        VerdictReason(
            "short_window",
            f"the feature window holds {months} of the lookback_months={lookback} months (the "
            f"extract starts in {start:%Y-%m}): per-month features divide by {months}",
        )
    ]


def population_rows(features: pd.DataFrame) -> int | None:
    """How many customers the fit sample (segmentation_fit_sample) was drawn from."""
    if POPULATION_COLUMN not in features.columns or features.empty:
        return None
    return int(features[POPULATION_COLUMN].iloc[0])


def fit_model_rows(
    features: pd.DataFrame,
    naming_rules: pd.DataFrame,
    stored_models: pd.DataFrame | None,
    settings: dict[str, Any],
    mode: str,
    features_override: str | None = None,
    *,
    feature_catalogue: pd.DataFrame | None = None,
    window: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows to add to the model registry: a new fitted model in fit mode, none in score mode
    (the stored model is used as it is). Empty features (dbt run --empty) give no rows.
    What the feature `window` (feature_window) says goes into the verdict and warnings."""
    check_mode(mode)
    stored_models = empty_model_frame() if stored_models is None else stored_models
    if mode == "score":
        as_of_date = (
            str(pd.to_datetime(features["as_of_date"]).max().date()) if not features.empty else None
        )
        if stored_models.empty or (
            as_of_date and model_version_for(stored_models, as_of_date) is None
        ):
            raise ConfigError(
                "segmentation_mode=score: no stored segmentation model trained on or before "
                f"{as_of_date or 'this as-of date'}; build that as-of date once with "
                "segmentation_mode=fit"
            )
        return empty_model_frame()
    if features_override:
        chosen = [name.strip() for name in features_override.split(",") if name.strip()]
        settings = {**settings, "features": chosen}
    if not settings.get("features") and feature_catalogue is not None:
        catalogue = catalogue_from_frame(feature_catalogue)
        settings = {**settings, "features": list(clustered_by_default(catalogue))}
    config = SegmentationConfig.from_mapping(settings)
    if features.empty:
        return empty_model_frame()
    as_of_date = str(pd.to_datetime(features["as_of_date"]).max().date())
    previous_versions = stored_models[stored_models["as_of_date"] < as_of_date]
    previous = model_from_frame(previous_versions) if not previous_versions.empty else None
    context = tuple(window_reasons(window)) if window is not None else ()
    fitted = fit_segmentation(
        features,
        config,
        as_of_date=as_of_date,
        naming_rules=rules_from_frame(naming_rules),
        naming=naming_from_catalogue(feature_catalogue),
        previous=previous,
        context_reasons=context,
        population_rows=population_rows(features),
    )
    model = replace(fitted.model, warnings=(*(r.detail for r in context), *fitted.model.warnings))
    for warning in model.warnings:
        log.warning("segmentation: %s", warning)
    if model.verdict != STRONG:
        log.warning(
            "segmentation: the model is %s: %s", model.verdict, "; ".join(model.verdict_reasons)
        )
    return model_to_frame(model)
