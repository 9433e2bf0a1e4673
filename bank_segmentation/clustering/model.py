"""Fit, keep and apply a segmentation model."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig
from bank_segmentation.clustering.naming import Condition, name_segments
from bank_segmentation.clustering.preprocess import FeatureTransform, fit_transforms, transform
from bank_segmentation.clustering.selection import CandidateMetrics, choose_k


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


@dataclass
class FittedSegmentation:
    model: SegmentationModel
    training_labels: np.ndarray = field(repr=False)


def model_version(as_of_date: str | None, config: SegmentationConfig) -> str:
    return f"{as_of_date or 'undated'}-{config.fingerprint()}"


def bounded_sample(frame: pd.DataFrame, config: SegmentationConfig) -> pd.DataFrame:
    """Fit on at most max_fit_rows customers, drawn deterministically."""
    if len(frame) <= config.max_fit_rows:
        return frame
    rng = np.random.default_rng(config.random_state)
    rows = np.sort(rng.choice(len(frame), size=config.max_fit_rows, replace=False))
    return frame.iloc[rows]


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


def fit_segmentation(
    frame: pd.DataFrame,
    config: SegmentationConfig,
    *,
    as_of_date: str | None = None,
    naming_rules: list[tuple[str, list[Condition]]] | None = None,
    previous: SegmentationModel | None = None,
) -> FittedSegmentation:
    """Preprocess, choose k, fit and name. With `previous`, segments that still exist keep
    their ids and names; new ones get new ids."""
    config.validate(list(frame.columns), len(frame))
    frame = frame.sort_values(config.id_column, kind="stable").reset_index(drop=True)
    sample = bounded_sample(frame, config)
    transforms, warnings = fit_transforms(
        sample,
        config.features,
        config.clip_quantile,
        config.skew_threshold,
        config.near_constant_share,
    )
    if not transforms:
        raise ConfigError(
            "features: every clustering feature is constant, near-constant or empty in the "
            f"data ({'; '.join(warnings)}). Choose features that tell customers apart "
            "(segmentation.features, var segmentation_features)."
        )
    x = transform(sample, transforms)
    choice, candidates = choose_k(x, config, population_rows=len(frame))
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
    centroid_z = {
        segment_ids[i]: {t.feature: float(centroids[i, j]) for j, t in enumerate(transforms)}
        for i in range(k)
    }
    names = name_segments(centroid_z, naming_rules or [], kept_names)
    model = SegmentationModel(
        model_version=model_version(as_of_date, config),
        as_of_date=as_of_date,
        config=config,
        transforms=transforms_tuple,
        centroids=centroids,
        segment_ids=tuple(segment_ids),
        segment_names=tuple(names[i] for i in segment_ids),
        training_sizes=tuple(int(s) for s in np.bincount(labels, minlength=k)),
        training_rows=len(sample),
        candidates=tuple(
            CandidateMetrics(**{**c.as_dict(), "is_chosen": c.k == k and not choice.fallback})
            for c in candidates
        ),
        warnings=tuple(warnings),
        parent_model_version=previous.model_version if previous is not None else None,
        fit_fallback=choice.fallback,
    )
    return FittedSegmentation(model=model, training_labels=labels)


def assign_segments(
    model: SegmentationModel, frame: pd.DataFrame, batch_size: int = 100_000
) -> pd.DataFrame:
    """Nearest stored centroid for every row, in batches; with the runner-up and the margin
    (runner-up distance - own distance, in scaled units)."""
    id_column = model.config.id_column
    missing = [f for f in model.features if f not in frame.columns]
    if missing:
        raise ConfigError(f"features: the stored model needs {', '.join(missing)}")
    frame = frame.sort_values(id_column, kind="stable").reset_index(drop=True)
    ids = np.array(model.segment_ids)
    names = np.array(model.segment_names, dtype=object)
    parts = []
    for start in range(0, len(frame), batch_size):
        batch = frame.iloc[start : start + batch_size]
        x = transform(batch, list(model.transforms))
        distances = np.sqrt(((x[:, None, :] - model.centroids[None, :, :]) ** 2).sum(axis=2))
        ranked = np.argsort(distances, axis=1, kind="stable")[:, :2]
        own = distances[np.arange(len(x)), ranked[:, 0]]
        runner_up = distances[np.arange(len(x)), ranked[:, 1]]
        parts.append(
            pd.DataFrame(
                {
                    id_column: batch[id_column].to_numpy(),
                    "segment_id": ids[ranked[:, 0]],
                    "segment_name": names[ranked[:, 0]],
                    "distance_to_centroid": own,
                    "runner_up_segment_id": ids[ranked[:, 1]],
                    "runner_up_distance": runner_up,
                    "margin": runner_up - own,
                }
            )
        )
    if not parts:
        return empty_assignments(id_column)
    return pd.concat(parts, ignore_index=True)


def empty_assignments(id_column: str = "customer_id") -> pd.DataFrame:
    return pd.DataFrame(
        {
            id_column: pd.Series(dtype="string"),
            "segment_id": pd.Series(dtype="int64"),
            "segment_name": pd.Series(dtype="string"),
            "distance_to_centroid": pd.Series(dtype="float64"),
            "runner_up_segment_id": pd.Series(dtype="int64"),
            "runner_up_distance": pd.Series(dtype="float64"),
            "margin": pd.Series(dtype="float64"),
        }
    )
