"""Exploratory analysis for the report. The SQL lives in dbt's analyses/ (compiled by
`dbt compile`); this module runs the compiled queries and derives what SQL does not do well:
skew-aware distributions, the correlation matrix and a 2-D PCA projection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ANALYSES = ("eda_monthly_trends", "eda_customer_features", "eda_k_selection")
SKEWNESS_FOR_LOG_SCALE = 1.0
PROJECTION_SAMPLE_ROWS = 4_000


@dataclass(frozen=True)
class Exploration:
    monthly_trends: pd.DataFrame
    customer_features: pd.DataFrame
    clustering_features: tuple[str, ...]
    chosen_k: int
    k_candidates: pd.DataFrame


def compiled_analysis(compiled_dir: Path, name: str) -> str:
    path = Path(compiled_dir) / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: compiled analysis missing; run `dbt compile --select path:analyses`"
        )
    return path.read_text()


def explore(connection: duckdb.DuckDBPyConnection, compiled_dir: Path) -> Exploration:
    trends, features, selection = (
        connection.execute(compiled_analysis(compiled_dir, name)).df() for name in ANALYSES
    )
    model = selection.iloc[0]
    return Exploration(
        monthly_trends=trends,
        customer_features=features,
        clustering_features=tuple(model["features"].split(",")),
        chosen_k=int(model["k"]),
        k_candidates=pd.DataFrame(json.loads(model["k_candidates_json"])),
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
