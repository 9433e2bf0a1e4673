"""Segmentation quality against the demo's planted personas, and the notebook baseline.

The baseline is what most segmentation notebooks do: mean-impute, StandardScaler on every
numeric column, K-Means with k picked by the elbow of the inertia curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_score

from bank_segmentation.clustering.selection import bootstrap_stability
from bank_segmentation.notebook_baseline import segment, standardised

NOT_BEHAVIOUR = ("customer_id", "as_of_date")


@dataclass(frozen=True)
class QualityFigures:
    method: str
    k: int
    ari_vs_personas: float
    silhouette: float
    davies_bouldin: float
    bootstrap_stability_ari: float


def internal_metrics(x: np.ndarray, labels: np.ndarray, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    sample = rng.choice(len(x), size=min(len(x), 5_000), replace=False)
    return (
        float(silhouette_score(x[sample], labels[sample])),
        float(davies_bouldin_score(x, labels)),
    )


def notebook_baseline(
    features: pd.DataFrame, personas: pd.Series, seed: int = 42, rounds: int = 5
) -> QualityFigures:
    """The notebook way (notebook_baseline.segment) on every numeric column, scored like ours."""
    numeric = features.drop(columns=[c for c in NOT_BEHAVIOUR if c in features.columns])
    numeric = numeric.select_dtypes(include=["number", "bool"]).astype(float)
    k, labels = segment(numeric, seed)
    x = standardised(numeric)
    silhouette, davies_bouldin = internal_metrics(x, labels, seed)
    stability = bootstrap_stability(
        x,
        labels,
        lambda round_index: KMeans(n_clusters=k, n_init=10, random_state=seed + 1 + round_index),
        rounds,
        np.random.default_rng(seed),
    )
    return QualityFigures(
        method="notebook baseline (mean impute, StandardScaler on all numeric, elbow k)",
        k=k,
        ari_vs_personas=float(adjusted_rand_score(personas, labels)),
        silhouette=silhouette,
        davies_bouldin=davies_bouldin,
        bootstrap_stability_ari=stability,
    )


def as_table(figures: list[QualityFigures]) -> pd.DataFrame:
    return pd.DataFrame([f.__dict__ for f in figures]).round(3)
