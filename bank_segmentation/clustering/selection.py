"""Choosing the number of segments k, all in this module.

Every candidate k is fitted once and scored by internal metrics (silhouette on a sample,
Davies-Bouldin, Calinski-Harabasz) and by bootstrap stability (mean adjusted Rand index between
the fit and refits on bootstrap resamples, compared on the same customers).

The rule (documented in docs/segmentation.md): a candidate is *admissible* when its smallest
segment holds at least `min_segment_share` of customers (no tiny outlier clusters) and its
stability reaches `min_stability` (the same customers land together when the data is
resampled). Among
admissible candidates the chosen k maximises the mean of three min-max-normalised scores:
silhouette, -Davies-Bouldin and Calinski-Harabasz. Silhouette alone often peaks at k=2, which
no marketing team can use; Calinski-Harabasz leans towards more clusters, Davies-Bouldin
towards compact, well-separated ones, and the two gates stop the drift into tiny or
unreproducible clusters. When no candidate is admissible, the most stable k among those that
respect the minimum share is taken (the most stable overall if none does) and a warning is
recorded.

The ranked ks are then fitted on the whole fit sample in turn (k is compared on a smaller
selection sample): the first whose smallest segment still clears the minimum share is kept.
When none does, the fallback merges each segment below the share into its nearest neighbour
until every segment clears it (recorded as the model's fit_fallback). Only when that leaves a
single segment, or the data has fewer distinct customer profiles than k_min, does the fit stop,
with a message naming the cause and the setting to change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

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

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig


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


def bootstrap_stability(
    x: np.ndarray,
    labels: np.ndarray,
    estimator: Callable[[int], Any],
    rounds: int,
    rng: np.random.Generator,
) -> float:
    """Do the same customers land together when the data is resampled? The mean adjusted Rand
    index between `labels` and the nearest-centroid labels of `estimator(round)` fitted on each
    of `rounds` bootstrap resamples of x (1.0 without rounds)."""
    scores = []
    for round_index in range(rounds):
        resample = rng.choice(len(x), size=len(x), replace=True)
        refit = estimator(round_index).fit(x[resample])
        scores.append(adjusted_rand_score(labels, nearest_centroid(x, cluster_centers(refit))))
    return float(np.mean(scores)) if scores else 1.0


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
    stability = bootstrap_stability(
        x,
        labels,
        lambda round_index: make_estimator(config, k, config.random_state + 1 + round_index),
        config.bootstrap_rounds,
        rng,
    )
    inertia = float(((x - centroids[labels]) ** 2).sum())
    return CandidateMetrics(
        k=k,
        silhouette=silhouette,
        davies_bouldin=float(davies_bouldin_score(x, labels)) if n_labels < len(x) else np.nan,
        calinski_harabasz=(
            float(calinski_harabasz_score(x, labels)) if n_labels < len(x) else np.nan
        ),
        stability_ari=stability,
        smallest_segment_share=float(sizes.min() / len(x)),
        inertia=inertia,
        is_admissible=bool(
            sizes.min() / len(x) >= config.min_segment_share and stability >= config.min_stability
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


def required_share(min_share: float, fit_rows: int, population_rows: int) -> float:
    """The smallest segment share the fit sample must show. When the fit sample is smaller
    than the scored population, two standard errors of a share are added, so the segment
    still clears min_share once every customer is scored."""
    if population_rows <= fit_rows:
        return min_share
    return min_share + 2 * np.sqrt(min_share * (1 - min_share) / fit_rows)


@dataclass(frozen=True)
class KChoice:
    """The k the model keeps, fitted on the fit sample."""

    k: int
    centroids: np.ndarray = field(repr=False)
    labels: np.ndarray = field(repr=False)
    warnings: tuple[str, ...] = ()
    fallback: str | None = None


def smallest_share(labels: np.ndarray, k: int) -> float:
    return float(np.bincount(labels, minlength=k).min() / len(labels))


def merge_small_segments(
    x: np.ndarray, centroids: np.ndarray, needed: float
) -> tuple[np.ndarray, np.ndarray]:
    """Merge the smallest segment into the segment with the nearest centroid, again and again,
    until every segment holds at least `needed` of the rows (or one is left). Each merge moves
    the centroids to the means of the rows they now hold."""
    labels = nearest_centroid(x, centroids)
    while len(centroids) > 1 and smallest_share(labels, len(centroids)) < needed:
        sizes = np.bincount(labels, minlength=len(centroids))
        smallest = int(np.argmin(sizes))
        distances = np.sqrt(((centroids - centroids[smallest]) ** 2).sum(axis=1))
        distances[smallest] = np.inf
        into = int(np.argmin(distances))
        labels = np.where(labels == smallest, into, labels)
        kept = [i for i in range(len(centroids)) if i != smallest]
        centroids = np.vstack([x[labels == i].mean(axis=0) for i in kept])
        labels = nearest_centroid(x, centroids)
    return centroids, labels


def check_distinct_profiles(x: np.ndarray, config: SegmentationConfig) -> None:
    """Stop before fitting when fewer distinct customer profiles exist than k_min."""
    profiles = len(np.unique(x, axis=0))
    if profiles < config.k_min:
        raise ConfigError(
            f"segmentation: the clustering features give only {profiles} distinct customer "
            f"profile(s), fewer than k_min={config.k_min}. Lower k_min (segmentation.k_min) or "
            "choose features that tell customers apart (segmentation.features, var "
            "segmentation_features)."
        )


def choose_k(
    x: np.ndarray, config: SegmentationConfig, population_rows: int = 0
) -> tuple[KChoice, list[CandidateMetrics]]:
    """Rank the candidate ks on a selection sample, then fit them on x in that order and keep
    the first whose smallest segment clears the minimum share (required_share); the fallback
    when none does is described in the module docstring."""
    check_distinct_profiles(x, config)
    candidates = evaluate_k_range(x, config)
    ranking, warnings = rank_k(candidates, config.min_segment_share)
    needed = required_share(config.min_segment_share, len(x), population_rows)
    fits = []
    for k in ranking:
        centroids = cluster_centers(make_estimator(config, k, config.random_state).fit(x))
        labels = nearest_centroid(x, centroids)
        share = smallest_share(labels, k)
        fits.append((k, centroids))
        if share >= needed:
            return KChoice(k, centroids, labels, tuple(warnings)), candidates
        warnings.append(
            f"k={k}: smallest segment holds {share:.2%} of the fit sample, below the "
            f"{needed:.2%} needed for min_segment_share {config.min_segment_share:.0%}; "
            "tried the next k"
        )
    best_k, best_centroids = fits[0]
    centroids, labels = merge_small_segments(x, best_centroids, needed)
    if len(centroids) < 2:
        raise ConfigError(
            "segmentation: no admissible segmentation: merging the segments below "
            f"min_segment_share ({config.min_segment_share:.0%}) into their nearest leaves a "
            "single segment. Lower min_segment_share (var min_segment_share) or choose "
            "features that tell customers apart (segmentation.features, var "
            "segmentation_features)."
        )
    fallback = (
        f"no candidate k kept every segment above {needed:.2%} of the fit sample; merged the "
        f"segments below it into their nearest: k={best_k} -> k={len(centroids)}"
    )
    return KChoice(len(centroids), centroids, labels, (*warnings, fallback), fallback), candidates
