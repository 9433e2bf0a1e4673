"""Choosing the number of segments k.

Every candidate k is fitted once and scored by internal metrics (silhouette on a sample,
Davies-Bouldin, Calinski-Harabasz) and by bootstrap stability (mean adjusted Rand index between
the fit and refits on bootstrap resamples, compared on the same customers).

The rule (documented in README): a candidate is *admissible* when its smallest segment holds at
least `min_segment_share` of customers (no tiny outlier clusters) and its stability reaches
`min_stability` (the same customers land together when the data is resampled). Among
admissible candidates the chosen k maximises the mean of three min-max-normalised scores:
silhouette, -Davies-Bouldin and Calinski-Harabasz. Silhouette alone often peaks at k=2, which
no marketing team can use; Calinski-Harabasz leans towards more clusters, Davies-Bouldin
towards compact, well-separated ones, and the two gates stop the drift into tiny or
unreproducible clusters. When no candidate is admissible, the most stable k among those that
respect the minimum share is taken (the most stable overall if none does) and a warning is
recorded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    pairwise_distances,
    silhouette_score,
)
from sklearn.mixture import GaussianMixture

from bank_segmentation.clustering.config import SegmentationConfig


@dataclass(frozen=True)
class CandidateMetrics:
    k: int
    silhouette: float
    davies_bouldin: float
    calinski_harabasz: float
    stability_ari: float
    smallest_segment_share: float
    inertia: float
    is_admissible: bool
    is_chosen: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def make_estimator(config: SegmentationConfig, k: int, random_state: int):
    if config.algorithm == "minibatch_kmeans":
        return MiniBatchKMeans(
            n_clusters=k, n_init=config.n_init, random_state=random_state, batch_size=4096
        )
    if config.algorithm == "gaussian_mixture":
        return GaussianMixture(
            n_components=k,
            n_init=max(1, config.n_init // 3),
            random_state=random_state,
            covariance_type="full",
        )
    return KMeans(n_clusters=k, n_init=config.n_init, random_state=random_state)


def cluster_centers(estimator) -> np.ndarray:
    return estimator.means_ if hasattr(estimator, "means_") else estimator.cluster_centers_


def nearest_centroid(x: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    distances = ((x[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return distances.argmin(axis=1)


def silhouette_sample(n_rows: int, config: SegmentationConfig) -> np.ndarray:
    """The rows the silhouette is computed on: the same for every candidate k."""
    rng = np.random.default_rng(config.random_state)
    return rng.choice(n_rows, size=min(n_rows, config.silhouette_sample_rows), replace=False)


def evaluate_candidate(
    x: np.ndarray,
    k: int,
    config: SegmentationConfig,
    sample_distances: np.ndarray | None = None,
) -> CandidateMetrics:
    """Metrics of one candidate k. sample_distances, the pairwise distances of the
    silhouette sample's rows, can be computed once for all candidates."""
    rng = np.random.default_rng(config.random_state)
    estimator = make_estimator(config, k, config.random_state).fit(x)
    centroids = cluster_centers(estimator)
    labels = nearest_centroid(x, centroids)
    sizes = np.bincount(labels, minlength=k)
    n_labels = int((sizes > 0).sum())
    if n_labels < 2:
        return CandidateMetrics(k, -1.0, float("inf"), 0.0, 0.0, 0.0, float("inf"), False)
    sample = rng.choice(len(x), size=min(len(x), config.silhouette_sample_rows), replace=False)
    # the internal metrics are defined for 2 <= clusters <= rows - 1 only
    well_defined = n_labels < len(x) and len(np.unique(labels[sample])) in range(2, len(sample))
    if not well_defined:
        silhouette = np.nan
    elif sample_distances is not None:
        silhouette = float(silhouette_score(sample_distances, labels[sample], metric="precomputed"))
    else:
        silhouette = float(silhouette_score(x[sample], labels[sample]))
    stability = []
    for round_index in range(config.bootstrap_rounds):
        resample = rng.choice(len(x), size=len(x), replace=True)
        refit = make_estimator(config, k, config.random_state + 1 + round_index).fit(x[resample])
        stability.append(adjusted_rand_score(labels, nearest_centroid(x, cluster_centers(refit))))
    inertia = float(((x - centroids[labels]) ** 2).sum())
    return CandidateMetrics(
        k=k,
        silhouette=silhouette,
        davies_bouldin=float(davies_bouldin_score(x, labels)) if n_labels < len(x) else np.nan,
        calinski_harabasz=(
            float(calinski_harabasz_score(x, labels)) if n_labels < len(x) else np.nan
        ),
        stability_ari=float(np.mean(stability)) if stability else 1.0,
        smallest_segment_share=float(sizes.min() / len(x)),
        inertia=inertia,
        is_admissible=bool(
            sizes.min() / len(x) >= config.min_segment_share
            and (np.mean(stability) if stability else 1.0) >= config.min_stability
        ),
    )


def _normalised(values: np.ndarray) -> np.ndarray:
    """Min-max to [0, 1]; undefined (nan) values score 0."""
    finite = values[np.isfinite(values)]
    if len(finite) == 0 or finite.max() == finite.min():
        return np.where(np.isfinite(values), 1.0, 0.0)
    return np.nan_to_num((values - finite.min()) / (finite.max() - finite.min()), nan=0.0)


def rank_k(
    candidates: list[CandidateMetrics], min_segment_share: float
) -> tuple[list[int], list[str]]:
    """Every candidate k, best first under the rule in the module docstring; with warnings.
    The fit walks down this list when the best k fails the minimum share on the fit sample."""
    admissible = [c for c in candidates if c.is_admissible]
    if not admissible:
        large_enough = [c for c in candidates if c.smallest_segment_share >= min_segment_share]
        by_stability = sorted(candidates, key=lambda c: (-c.stability_ari, c.k))
        ranking = [c.k for c in by_stability if c in large_enough] + [
            c.k for c in by_stability if c not in large_enough
        ]
        return ranking, [
            "no candidate k met both min_segment_share and min_stability; took the most "
            f"stable k={ranking[0]}"
            + (" among those meeting min_segment_share" if large_enough else "")
        ]
    silhouette = _normalised(np.array([c.silhouette for c in admissible]))
    davies_bouldin = _normalised(-np.array([c.davies_bouldin for c in admissible]))
    calinski_harabasz = _normalised(np.array([c.calinski_harabasz for c in admissible]))
    score = (silhouette + davies_bouldin + calinski_harabasz) / 3
    best_first = np.argsort(-score, kind="stable")  # ties go to the smaller k (first)
    return [admissible[i].k for i in best_first], []


def evaluate_k_range(x: np.ndarray, config: SegmentationConfig) -> list[CandidateMetrics]:
    """Score every candidate k on at most selection_sample_rows rows (drawn deterministically):
    each k costs 1 + bootstrap_rounds fits, so the comparison runs on a sample and only the
    chosen k is fitted on the whole fit sample."""
    if len(x) > config.selection_sample_rows:
        rng = np.random.default_rng(config.random_state)
        x = x[np.sort(rng.choice(len(x), size=config.selection_sample_rows, replace=False))]
    k_max = min(config.k_max, len(x) - 1) if len(x) > config.k_min else config.k_min
    sample = silhouette_sample(len(x), config)
    distances = pairwise_distances(x[sample])
    return [
        evaluate_candidate(x, k, config, sample_distances=distances)
        for k in range(config.k_min, k_max + 1)
    ]
