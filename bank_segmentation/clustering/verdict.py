"""How far a fitted segmentation can be trusted: `strong`, `weak` or `no_structure`, and why.

Each reason is a code and a sentence, stored with the model (segmentation_model.verdict_reasons)
and turned into a warning of `dbt build` by the tests on that model:

- fallback_k: no candidate k met min_segment_share and min_stability, the fit took a fallback
- stability_below_floor: the kept k's bootstrap stability is under min_stability
- features_dropped: clustering features left out (constant, near-constant or empty)
- few_features: fewer than min_features features left to cluster on
- short_window: the extract holds fewer months than the lookback
- high_borderline_share: more than max_borderline_share of the customers sit within
  borderline_margin of a second segment
- no_better_than_null: the segments are no more compact than the same k fitted to a null
  reference (below): the data are a continuum cut into bands, not groups

The null reference refits the kept k, as many times as the stability bootstrap, on the same
prepared features with each feature permuted independently across customers: every feature
keeps its distribution (its spikes and tails too) but the features no longer go together.
With a single feature permuting changes nothing, so that feature is drawn uniformly over its
range instead (the gap statistic's reference box). The fit is clearly better than its null
when its silhouette exceeds the null's mean by null_min_gain and by three null standard
deviations. Verdict: no_structure when it is not; else weak with any other reason; else strong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.metrics import silhouette_score

from bank_segmentation.clustering.config import SegmentationConfig
from bank_segmentation.clustering.selection import (
    CandidateMetrics,
    cluster_centers,
    make_estimator,
    nearest_centroid,
)

STRONG, WEAK, NO_STRUCTURE = "strong", "weak", "no_structure"
NULL_SDS = 3.0


@dataclass(frozen=True)
class VerdictReason:
    code: str
    detail: str

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}"


@dataclass(frozen=True)
class NullReference:
    """The kept k's silhouette against the same k fitted to null data."""

    silhouette: float
    null_silhouette: float  # mean over the refits
    null_silhouette_sd: float
    refits: int

    def is_clearly_better(self, min_gain: float) -> bool:
        gain = self.silhouette - self.null_silhouette
        return bool(gain >= min_gain and gain > NULL_SDS * self.null_silhouette_sd)


def null_data(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each feature permuted independently; a single feature drawn uniformly on its range."""
    if x.shape[1] == 1:
        return rng.uniform(x.min(), x.max(), size=x.shape)
    return np.column_stack([rng.permutation(x[:, j]) for j in range(x.shape[1])])


def fitted_silhouette(x: np.ndarray, k: int, config: SegmentationConfig, sample: np.ndarray):
    labels = nearest_centroid(
        x, cluster_centers(make_estimator(config, k, config.random_state).fit(x))
    )
    if len(np.unique(labels[sample])) < 2:
        return 0.0
    return float(silhouette_score(x[sample], labels[sample]))


def null_reference(x: np.ndarray, k: int, config: SegmentationConfig) -> NullReference | None:
    """The comparison above on at most selection_sample_rows rows (silhouette on
    silhouette_sample_rows of them); None without bootstrap rounds or rows to compare."""
    if len(x) > config.selection_sample_rows:  # the rows and sample of evaluate_k_range
        rows = np.random.default_rng(config.random_state).choice(
            len(x), size=config.selection_sample_rows, replace=False
        )
        x = x[np.sort(rows)]
    if config.bootstrap_rounds < 1 or len(x) <= k:
        return None
    sample = np.random.default_rng(config.random_state).choice(
        len(x), size=min(len(x), config.silhouette_sample_rows), replace=False
    )
    rng = np.random.default_rng(config.random_state + 1)
    nulls = [
        fitted_silhouette(null_data(x, rng), k, config, sample)
        for _ in range(config.bootstrap_rounds)
    ]
    return NullReference(
        silhouette=fitted_silhouette(x, k, config, sample),
        null_silhouette=float(np.mean(nulls)),
        null_silhouette_sd=float(np.std(nulls)),
        refits=len(nulls),
    )


def borderline_share(x: np.ndarray, centroids: np.ndarray, margin: float) -> float:
    """Share of rows whose second-nearest centroid is less than `margin` farther than the
    nearest (scaled units)."""
    if len(centroids) < 2 or len(x) == 0:
        return 0.0
    distances = np.sqrt(((x[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2))
    nearest_two = np.sort(distances, axis=1)[:, :2]
    return float(((nearest_two[:, 1] - nearest_two[:, 0]) < margin).mean())


def verdict_reasons(
    config: SegmentationConfig,
    *,
    k: int,
    candidates: tuple[CandidateMetrics, ...],
    fallback: str | None,
    kept_features: tuple[str, ...],
    left_out: dict[str, str],
    border_share: float,
    null: NullReference | None,
    context: tuple[VerdictReason, ...] = (),
) -> list[VerdictReason]:
    """Every reason (module docstring) that applies to this fit."""
    reasons = list(context)
    kept_candidate = next((c for c in candidates if c.k == k), None)
    if fallback or not any(c.is_admissible for c in candidates):
        reasons.append(
            VerdictReason(
                "fallback_k",
                fallback
                or f"no candidate k met min_segment_share {config.min_segment_share:.0%} and "
                f"min_stability {config.min_stability:.2f}; k={k} is a fallback",
            )
        )
    if kept_candidate is not None and kept_candidate.stability_ari < config.min_stability:
        reasons.append(
            VerdictReason(
                "stability_below_floor",
                f"bootstrap stability {kept_candidate.stability_ari:.2f} of k={k} is below "
                f"min_stability {config.min_stability:.2f}",
            )
        )
    if left_out:
        reasons.append(
            VerdictReason(
                "features_dropped",
                f"{len(left_out)} of the clustering features left out: "
                + "; ".join(f"{feature} ({why})" for feature, why in left_out.items()),
            )
        )
    if len(kept_features) < config.min_features:
        reasons.append(
            VerdictReason(
                "few_features",
                f"only {len(kept_features)} feature(s) left to cluster on "
                f"({', '.join(kept_features)}), fewer than min_features={config.min_features}",
            )
        )
    if border_share > config.max_borderline_share:
        reasons.append(
            VerdictReason(
                "high_borderline_share",
                f"{border_share:.0%} of the customers are within borderline_margin="
                f"{config.borderline_margin:g} of a second segment (more than "
                f"max_borderline_share={config.max_borderline_share:.0%})",
            )
        )
    if null is not None and not null.is_clearly_better(config.null_min_gain):
        reasons.append(
            VerdictReason(
                "no_better_than_null",
                f"silhouette {null.silhouette:.2f} against {null.null_silhouette:.2f} "
                f"(sd {null.null_silhouette_sd:.3f}) for k={k} fitted {null.refits} times to "
                "the features permuted independently: the segments are bands of a continuum, "
                "not groups",
            )
        )
    return reasons


IN_WORDS = {
    "fallback_k": "no number of segments was both stable and large enough; the fit took a fallback",
    "stability_below_floor": "the same customers do not land together when the data is resampled",
    "features_dropped": "some features could not be used",
    "few_features": "too few features were left to tell customers apart",
    "short_window": "the extract covers fewer months than the lookback",
    "high_borderline_share": "many customers sit between two segments",
    "no_better_than_null": "customers are no more alike within a segment than in data "
    "without any groups",
}
HEADLINES = {
    STRONG: "These segments are strong: distinct groups of customers that hold when the data "
    "is resampled.",
    WEAK: "These segments are weak: {}. Use them with care.",
    NO_STRUCTURE: "These segments are bands of a continuum, not groups: {}. Read them as "
    "ranges of one scale, not as kinds of customer.",
}


def verdict_in_words(verdict: str | None, reasons: list[str]) -> str:
    """The verdict as the report's and the dashboard's first sentence ('' for a model stored
    before verdicts existed)."""
    if verdict not in HEADLINES:
        return ""
    codes = [reason.split(":")[0] for reason in reasons]
    return HEADLINES[verdict].format("; ".join(IN_WORDS.get(code, code) for code in codes))


def verdict_of(reasons: list[VerdictReason]) -> str:
    if any(r.code == "no_better_than_null" for r in reasons):
        return NO_STRUCTURE
    return WEAK if reasons else STRONG
