"""Fit, keep and apply a segmentation model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig
from bank_segmentation.clustering.naming import Centroid, FeatureNaming, Rules, name_segments
from bank_segmentation.clustering.preprocess import FeatureTransform, fit_transforms, transform
from bank_segmentation.clustering.selection import CandidateMetrics, choose_k
from bank_segmentation.clustering.verdict import (
    NullReference,
    VerdictReason,
    borderline_share,
    null_reference,
    verdict_of,
    verdict_reasons,
)


@dataclass(frozen=True)
class SegmentationModel:
    """Everything needed to score customers again without refitting."""

    model_version: str
    as_of_date: str | None
    config: SegmentationConfig
    transforms: tuple[FeatureTransform, ...]
    centroids: np.ndarray  # segments x features, scaled units, rows in segment_ids order
    segment_ids: tuple[int, ...]
    segment_names: tuple[str, ...]
    training_sizes: tuple[int, ...]
    training_rows: int
    candidates: tuple[CandidateMetrics, ...] = ()
    warnings: tuple[str, ...] = ()
    parent_model_version: str | None = None
    fit_fallback: str | None = None  # what the fit did when no candidate k was admissible
    verdict: str | None = None  # strong | weak | no_structure (clustering/verdict.py)
    verdict_reasons: tuple[str, ...] = ()
    null_reference: NullReference | None = None
    borderline_share: float | None = None

    @property
    def k(self) -> int:
        return len(self.segment_ids)

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(t.feature for t in self.transforms)

    @property
    def chosen(self) -> CandidateMetrics | None:
        return next((c for c in self.candidates if c.is_chosen), None)

    def centroids_original(self) -> np.ndarray:
        """Centroids in each feature's own units."""
        return np.column_stack(
            [t.invert(self.centroids[:, j]) for j, t in enumerate(self.transforms)]
        )

    def centroid_points(self) -> dict[int, Centroid]:
        """Each segment's centroid as z-scores and own-unit values, by segment id."""
        original = self.centroids_original()
        return {
            segment_id: Centroid(
                z=dict(zip(self.features, map(float, self.centroids[i]), strict=True)),
                value=dict(zip(self.features, map(float, original[i]), strict=True)),
            )
            for i, segment_id in enumerate(self.segment_ids)
        }


@dataclass
class FittedSegmentation:
    model: SegmentationModel
    training_labels: np.ndarray = field(repr=False)


def model_version(as_of_date: str | None, config: SegmentationConfig) -> str:
    return f"{as_of_date or 'undated'}-{config.fingerprint()}"


def sample_key(customer_id: object) -> str:
    """The md5 hash of a customer id as text: the order the fit sample is drawn in, as model
    segmentation_fit_sample draws it in SQL."""
    return hashlib.md5(str(customer_id).encode()).hexdigest()


def bounded_sample(frame: pd.DataFrame, config: SegmentationConfig) -> pd.DataFrame:
    """Fit on at most max_fit_rows customers: those first by sample_key (a build's features
    arrive already bounded, by segmentation_fit_sample), in their original order."""
    if len(frame) <= config.max_fit_rows:
        return frame
    keys = frame[config.id_column].map(sample_key)
    return frame.loc[keys.sort_values(kind="stable").index[: config.max_fit_rows].sort_values()]


def order_clusters(centroids: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A deterministic order of clusters: largest first, ties by centroid coordinates."""
    sizes = np.bincount(labels, minlength=len(centroids))
    keys = [(-sizes[i], *np.round(centroids[i], 9)) for i in range(len(centroids))]
    return np.array(sorted(range(len(centroids)), key=lambda i: keys[i]))


def match_to_previous(
    centroids: np.ndarray,
    transforms: tuple[FeatureTransform, ...],
    previous: SegmentationModel,
    max_distance: float,
) -> dict[int, int]:
    """New cluster index -> previous segment id, for clusters whose centroid is within
    max_distance (in the new model's scaled units) of a previous centroid; one-to-one
    (Hungarian assignment)."""
    shared = [t.feature for t in transforms if t.feature in previous.features]
    if not shared:
        return {}
    previous_original = pd.DataFrame(previous.centroids_original(), columns=previous.features)
    new_columns = [i for i, t in enumerate(transforms) if t.feature in shared]
    previous_scaled = np.column_stack(
        [transforms[j].apply(previous_original[transforms[j].feature]) for j in new_columns]
    )
    current = centroids[:, new_columns]
    cost = np.sqrt(((current[:, None, :] - previous_scaled[None, :, :]) ** 2).sum(axis=2))
    rows, cols = linear_sum_assignment(cost)
    return {
        int(r): previous.segment_ids[c]
        for r, c in zip(rows, cols, strict=True)
        if cost[r, c] <= max_distance
    }


def transforms_with_substitutes(
    sample: pd.DataFrame, config: SegmentationConfig
) -> tuple[list[FeatureTransform], dict[str, str]]:
    """The learned transforms, a left-out feature replaced by its substitute (settings
    feature_substitutes) when the data has one that separates customers; with {left-out
    feature: why}."""
    transforms, left_out = fit_transforms(
        sample,
        config.features,
        config.clip_quantile,
        config.skew_threshold,
        config.near_constant_share,
    )
    for feature in list(left_out):
        substitute = config.feature_substitutes.get(feature)
        if substitute not in sample.columns or substitute in config.features:
            continue
        extra, _ = fit_transforms(
            sample,
            (substitute,),
            config.clip_quantile,
            config.skew_threshold,
            config.near_constant_share,
        )
        if extra:
            transforms += extra
            left_out[feature] += f"; {substitute} takes its place"
    return transforms, left_out


def fit_segmentation(
    frame: pd.DataFrame,
    config: SegmentationConfig,
    *,
    as_of_date: str | None = None,
    naming_rules: Rules | None = None,
    naming: dict[str, FeatureNaming] | None = None,
    previous: SegmentationModel | None = None,
    context_reasons: tuple[VerdictReason, ...] = (),
    population_rows: int | None = None,
) -> FittedSegmentation:
    """Preprocess, choose k, fit, name and judge. With `previous`, segments that still exist
    keep their ids (and their names while these hold); new ones get new ids.
    `context_reasons` are verdict reasons found outside the fit (e.g. a short window).
    `population_rows`: how many customers will be scored, when `frame` is already a sample of
    them (default: its rows)."""
    config.validate(list(frame.columns), len(frame))
    frame = frame.sort_values(config.id_column, kind="stable").reset_index(drop=True)
    sample = bounded_sample(frame, config)
    transforms, left_out = transforms_with_substitutes(sample, config)
    warnings = [f"{feature}: {why}" for feature, why in left_out.items()]
    if not transforms:
        raise ConfigError(
            "features: every clustering feature is constant, near-constant or empty in the "
            f"data ({'; '.join(warnings)}). Choose features that tell customers apart "
            "(segmentation.features, var segmentation_features)."
        )
    x = transform(sample, transforms)
    choice, candidates = choose_k(x, config, population_rows=population_rows or len(frame))
    warnings += choice.warnings
    k, raw_centroids, raw_labels = choice.k, choice.centroids, choice.labels
    order = order_clusters(raw_centroids, raw_labels)
    centroids = raw_centroids[order]
    labels = np.argsort(order)[raw_labels]

    transforms_tuple = tuple(transforms)
    matched = (
        match_to_previous(centroids, transforms_tuple, previous, config.match_max_distance)
        if previous is not None
        else {}
    )
    next_id = max(previous.segment_ids, default=0) + 1 if previous is not None else 1
    segment_ids = []
    for index in range(k):
        if index in matched:
            segment_ids.append(matched[index])
        else:
            segment_ids.append(next_id)
            next_id += 1
    kept_names = {}
    if previous is not None:
        previous_names = dict(zip(previous.segment_ids, previous.segment_names, strict=True))
        kept_names = {matched[i]: previous_names[matched[i]] for i in matched}
    candidate_metrics = tuple(
        CandidateMetrics(**{**c.as_dict(), "is_chosen": c.k == k and not choice.fallback})
        for c in candidates
    )
    null = null_reference(x, k, config)
    border_share = borderline_share(x, centroids, config.borderline_margin)
    reasons = verdict_reasons(
        config,
        k=k,
        candidates=candidate_metrics,
        fallback=choice.fallback,
        kept_features=tuple(t.feature for t in transforms),
        left_out=left_out,
        border_share=border_share,
        null=null,
        context=context_reasons,
    )
    unnamed = SegmentationModel(
        model_version=model_version(as_of_date, config),
        as_of_date=as_of_date,
        config=config,
        transforms=transforms_tuple,
        centroids=centroids,
        segment_ids=tuple(segment_ids),
        segment_names=tuple("" for _ in segment_ids),
        training_sizes=tuple(int(s) for s in np.bincount(labels, minlength=k)),
        training_rows=len(sample),
        candidates=candidate_metrics,
        warnings=tuple(warnings),
        parent_model_version=previous.model_version if previous is not None else None,
        fit_fallback=choice.fallback,
        verdict=verdict_of(reasons),
        verdict_reasons=tuple(str(r) for r in reasons),
        null_reference=null,
        borderline_share=border_share,
    )
    names = name_segments(unnamed.centroid_points(), naming_rules or [], naming, kept_names)
    model = replace(unnamed, segment_names=tuple(names[i] for i in segment_ids))
    return FittedSegmentation(model=model, training_labels=labels)
