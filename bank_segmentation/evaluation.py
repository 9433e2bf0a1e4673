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
from sklearn.preprocessing import StandardScaler

NOT_BEHAVIOUR = ("customer_id", "as_of_date")


@dataclass(frozen=True)
class QualityFigures:
    method: str
    k: int
    ari_vs_personas: float
    silhouette: float
    davies_bouldin: float
    bootstrap_stability_ari: float


def elbow_k(inertias: dict[int, float]) -> int:
    """The k furthest below the straight line from the first to the last inertia point."""
    ks = np.array(sorted(inertias))
    values = np.array([inertias[k] for k in ks])
    line = values[0] + (values[-1] - values[0]) * (ks - ks[0]) / (ks[-1] - ks[0])
    return int(ks[np.argmax(line - values)])


def bootstrap_stability(x: np.ndarray, k: int, rounds: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    reference = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x).predict(x)
    scores = []
    for round_index in range(rounds):
        resample = rng.choice(len(x), size=len(x), replace=True)
        refit = KMeans(n_clusters=k, n_init=10, random_state=seed + 1 + round_index)
        scores.append(adjusted_rand_score(reference, refit.fit(x[resample]).predict(x)))
    return float(np.mean(scores))


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
    numeric = features.drop(columns=[c for c in NOT_BEHAVIOUR if c in features.columns])
    numeric = numeric.select_dtypes(include=["number", "bool"]).astype(float)
    numeric = numeric.fillna(numeric.mean()).fillna(0.0)
    x = StandardScaler().fit_transform(numeric.to_numpy())
    inertias = {
        k: KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x).inertia_ for k in range(2, 11)
    }
    k = elbow_k(inertias)
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
    silhouette, davies_bouldin = internal_metrics(x, labels, seed)
    return QualityFigures(
        method="notebook baseline (mean impute, StandardScaler on all numeric, elbow k)",
        k=k,
        ari_vs_personas=float(adjusted_rand_score(personas, labels)),
        silhouette=silhouette,
        davies_bouldin=davies_bouldin,
        bootstrap_stability_ari=bootstrap_stability(x, k, rounds, seed),
    )


def as_table(figures: list[QualityFigures]) -> pd.DataFrame:
    return pd.DataFrame([f.__dict__ for f in figures]).round(3)
