"""Exploratory analysis for the report, from the published snapshot: the exploration marts
(models/marts/exploration) and the current customers' clustering features; this module derives
what SQL does not do well: skew-aware distributions, the correlation matrix and a 2-D PCA
projection."""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

SKEWNESS_FOR_LOG_SCALE = 1.0
PROJECTION_SAMPLE_ROWS = 4_000


@dataclass(frozen=True)
class Exploration:
    monthly_trends: pd.DataFrame
    customer_features: pd.DataFrame
    clustering_features: tuple[str, ...]  # those customer_segments carries (profiled)
    unprofiled_features: tuple[str, ...]  # clustered, but not carried: not shown
    chosen_k: int
    k_candidates: pd.DataFrame


def explore(connection: duckdb.DuckDBPyConnection) -> Exploration:
    """Read the exploration marts (monthly_activity, segmentation_model_selection) and the
    clustering features of every current customer, without the customer id."""
    trends = connection.execute(
        "select month_start_date, customers, spend_amount, income_amount, "
        "deposit_balance_amount, transaction_count from monthly_activity order by month_start_date"
    ).df()
    model = connection.execute(
        "select k, k_candidates_json, features from segmentation_model_selection"
    ).fetchone()
    if model is None:
        raise ValueError("segmentation_model_selection is empty: the build scored no customers")
    chosen_k, k_candidates_json, feature_list = model
    carried = {row[0] for row in connection.execute("describe customer_segments").fetchall()}
    features = tuple(f for f in feature_list.split(",") if f in carried)
    unprofiled = tuple(f for f in feature_list.split(",") if f not in carried)
    customers = connection.execute(
        f"select segment_id, segment_name, {', '.join(features)} from customer_segments"
    ).df()
    return Exploration(
        monthly_trends=trends,
        customer_features=customers,
        clustering_features=features,
        unprofiled_features=unprofiled,
        chosen_k=int(chosen_k),
        k_candidates=pd.DataFrame(json.loads(k_candidates_json)),
    )


def is_skewed(values: pd.Series) -> bool:
    return bool(abs(values.dropna().astype(float).skew()) > SKEWNESS_FOR_LOG_SCALE)


def distributions(features: pd.DataFrame, columns: tuple[str, ...], bins: int = 30) -> pd.DataFrame:
    """Histogram per feature, long (feature, bin_start, bin_end, customers): skewed features
    as signed log10(1 + |x|) and labelled so, the rest as they are."""
    parts = []
    for column in columns:
        values = features[column].dropna().astype(float)
        skewed = is_skewed(values)
        shown = np.sign(values) * np.log10(1 + values.abs()) if skewed else values
        counts, edges = np.histogram(shown, bins=bins)
        parts.append(
            pd.DataFrame(
                {
                    "feature": f"{column} (log10(1 + x))" if skewed else column,
                    "bin_start": edges[:-1],
                    "bin_end": edges[1:],
                    "customers": counts,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def correlations(features: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Long table (feature_x, feature_y, correlation) of Spearman rank correlations (robust to
    the heavy tails of amounts)."""
    matrix = features[list(columns)].astype(float).corr(method="spearman")
    long = matrix.stack(future_stack=True).rename("correlation").reset_index()
    return long.rename(columns={"level_0": "feature_x", "level_1": "feature_y"})


def projection(
    features: pd.DataFrame, columns: tuple[str, ...], sample_rows: int = PROJECTION_SAMPLE_ROWS
) -> tuple[pd.DataFrame, tuple[float, float]]:
    """First two principal components of the standardised (log1p for skewed) clustering
    features, for a deterministic sample of customers; with the explained variance ratios."""
    sample = features.sample(n=min(sample_rows, len(features)), random_state=0)
    x = sample[list(columns)].astype(float)
    x = x.fillna(x.median())
    for column in columns:
        if is_skewed(x[column]):
            x[column] = np.sign(x[column]) * np.log1p(x[column].abs())
    pca = PCA(n_components=2, random_state=0)
    points = pca.fit_transform(StandardScaler().fit_transform(x))
    result = pd.DataFrame(
        {"pc1": points[:, 0], "pc2": points[:, 1], "segment_name": sample["segment_name"].values}
    )
    ratio = pca.explained_variance_ratio_
    return result, (float(ratio[0]), float(ratio[1]))
