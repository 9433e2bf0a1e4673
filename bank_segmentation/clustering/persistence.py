"""A fitted model as one relational table (one row per segment per feature) and back.

This is what the dbt Python model stores; the SQL models in models/clustering split it into
the model, feature and centroid views BI and scoring read.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pandas as pd

from bank_segmentation.clustering.config import SegmentationConfig
from bank_segmentation.clustering.model import SegmentationModel
from bank_segmentation.clustering.preprocess import FeatureTransform
from bank_segmentation.clustering.selection import CandidateMetrics
from bank_segmentation.clustering.verdict import NullReference

MODEL_COLUMNS: dict[str, str] = {
    "model_version": "string",
    "parent_model_version": "string",
    "as_of_date": "string",
    "algorithm": "string",
    "k": "int64",
    "segment_id": "int64",
    "segment_name": "string",
    "segment_training_customers": "int64",
    "feature": "string",
    "feature_position": "int64",
    "imputation_value": "float64",
    "is_log_transformed": "bool",
    "clip_low": "float64",
    "clip_high": "float64",
    "center": "float64",
    "scale": "float64",
    "centroid_scaled": "float64",
    "centroid_original": "float64",
    "training_customers": "int64",
    "silhouette": "float64",
    "davies_bouldin": "float64",
    "calinski_harabasz": "float64",
    "stability_ari": "float64",
    "config_json": "string",
    "k_candidates_json": "string",
    "warnings_json": "string",
    "fit_fallback": "string",
    "verdict": "string",
    "verdict_reasons": "string",
    "null_silhouette": "float64",
    "null_silhouette_sd": "float64",
    "borderline_share": "float64",
    # the two settings SQL reads of the version (the reasons and the minimum-share test)
    "min_segment_share": "float64",
    "borderline_margin": "float64",
}


def empty_model_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in MODEL_COLUMNS.items()})


def model_to_frame(model: SegmentationModel) -> pd.DataFrame:
    chosen = model.chosen
    null = model.null_reference
    original = model.centroids_original()
    config = asdict(model.config)
    rows = []
    for i, segment_id in enumerate(model.segment_ids):
        for j, t in enumerate(model.transforms):
            rows.append(
                {
                    "model_version": model.model_version,
                    "parent_model_version": model.parent_model_version,
                    "as_of_date": model.as_of_date,
                    "algorithm": model.config.algorithm,
                    "k": model.k,
                    "segment_id": segment_id,
                    "segment_name": model.segment_names[i],
                    "segment_training_customers": model.training_sizes[i],
                    "feature": t.feature,
                    "feature_position": j,
                    "imputation_value": t.imputation_value,
                    "is_log_transformed": t.is_log_transformed,
                    "clip_low": t.clip_low,
                    "clip_high": t.clip_high,
                    "center": t.center,
                    "scale": t.scale,
                    "centroid_scaled": float(model.centroids[i, j]),
                    "centroid_original": float(original[i, j]),
                    "training_customers": model.training_rows,
                    "silhouette": chosen.silhouette if chosen else np.nan,
                    "davies_bouldin": chosen.davies_bouldin if chosen else np.nan,
                    "calinski_harabasz": chosen.calinski_harabasz if chosen else np.nan,
                    "stability_ari": chosen.stability_ari if chosen else np.nan,
                    "config_json": json.dumps(config, sort_keys=True, default=list),
                    "k_candidates_json": json.dumps([c.as_dict() for c in model.candidates]),
                    "warnings_json": json.dumps(list(model.warnings)),
                    "fit_fallback": model.fit_fallback,
                    "verdict": model.verdict,
                    "verdict_reasons": json.dumps(list(model.verdict_reasons)),
                    "null_silhouette": null.null_silhouette if null else np.nan,
                    "null_silhouette_sd": null.null_silhouette_sd if null else np.nan,
                    "borderline_share": model.borderline_share,
                    "min_segment_share": model.config.min_segment_share,
                    "borderline_margin": model.config.borderline_margin,
                }
            )
    return pd.DataFrame(rows).astype(MODEL_COLUMNS)


def latest_model_version(frame: pd.DataFrame) -> str | None:
    """The most recent version by as-of date (then version string), or None when empty."""
    if frame.empty:
        return None
    versions = frame[["as_of_date", "model_version"]].drop_duplicates()
    return str(versions.sort_values(["as_of_date", "model_version"]).iloc[-1]["model_version"])


def model_version_for(frame: pd.DataFrame, as_of_date: str) -> str | None:
    """The version to score an as-of date with: the one trained on that date, else the latest
    trained before it (score mode on a new month), else None."""
    versions = frame[["as_of_date", "model_version"]].drop_duplicates()
    usable = versions[versions["as_of_date"] <= as_of_date]
    return latest_model_version(usable)


def model_from_frame(frame: pd.DataFrame, version: str | None = None) -> SegmentationModel:
    """Rebuild a stored model (the latest when version is None)."""
    version = version or latest_model_version(frame)
    rows = frame[frame["model_version"] == version]
    if rows.empty:
        raise LookupError(f"no stored segmentation model with version {version!r}")
    rows = rows.sort_values(["segment_id", "feature_position"])
    features = rows.drop_duplicates("feature_position").sort_values("feature_position")
    transforms = tuple(
        FeatureTransform(
            feature=r.feature,
            imputation_value=float(r.imputation_value),
            is_log_transformed=bool(r.is_log_transformed),
            clip_low=float(r.clip_low),
            clip_high=float(r.clip_high),
            center=float(r.center),
            scale=float(r.scale),
        )
        for r in features.itertuples(index=False)
    )
    segments = rows.drop_duplicates("segment_id").sort_values("segment_id")
    segment_ids = tuple(int(s) for s in segments["segment_id"])
    centroids = (
        rows.pivot(index="segment_id", columns="feature_position", values="centroid_scaled")
        .loc[list(segment_ids)]
        .to_numpy()
    )
    first = rows.iloc[0]
    # registries written before a column existed lack it
    fallback, verdict = stored_text(first, "fit_fallback"), stored_text(first, "verdict")
    border_share = first.get("borderline_share")
    config_values = json.loads(first["config_json"])
    config_values["features"] = tuple(config_values["features"])
    parent = first["parent_model_version"]
    return SegmentationModel(
        model_version=str(version),
        as_of_date=None if pd.isna(first["as_of_date"]) else str(first["as_of_date"]),
        config=SegmentationConfig(**config_values),
        transforms=transforms,
        centroids=centroids,
        segment_ids=segment_ids,
        segment_names=tuple(str(n) for n in segments["segment_name"]),
        training_sizes=tuple(int(s) for s in segments["segment_training_customers"]),
        training_rows=int(first["training_customers"]),
        candidates=tuple(CandidateMetrics(**c) for c in json.loads(first["k_candidates_json"])),
        warnings=tuple(json.loads(first["warnings_json"])),
        parent_model_version=None if pd.isna(parent) else str(parent),
        fit_fallback=fallback,
        verdict=verdict,
        verdict_reasons=tuple(json.loads(stored_text(first, "verdict_reasons") or "[]")),
        null_reference=stored_null_reference(first),
        borderline_share=None
        if border_share is None or pd.isna(border_share)
        else float(border_share),
    )


def stored_text(row: pd.Series, column: str) -> str | None:
    value = row.get(column)
    return None if value is None or pd.isna(value) else str(value)


def stored_null_reference(row: pd.Series) -> NullReference | None:
    null_silhouette = row.get("null_silhouette")
    if null_silhouette is None or pd.isna(null_silhouette):
        return None
    return NullReference(
        silhouette=float(row["silhouette"]),
        null_silhouette=float(null_silhouette),
        null_silhouette_sd=float(row["null_silhouette_sd"]),
        refits=int(json.loads(row["config_json"])["bootstrap_rounds"]),
    )


def registry_with(stored_models: pd.DataFrame | None, added: pd.DataFrame) -> pd.DataFrame:
    """The whole registry once a build's rows are added: a version added again replaces its
    rows, as the dbt Python model's delete+insert on model_version does."""
    if stored_models is None or stored_models.empty:
        return added.astype(MODEL_COLUMNS).reset_index(drop=True)
    kept = stored_models[~stored_models["model_version"].isin(added["model_version"])]
    return (
        pd.concat([kept[list(MODEL_COLUMNS)], added[list(MODEL_COLUMNS)]])
        .astype(MODEL_COLUMNS)
        .reset_index(drop=True)
    )
