"""Feature preparation with every parameter learned at fit time and kept for scoring."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class FeatureTransform:
    """How one feature is turned into a clustering input: impute, (log), clip, standardise."""

    feature: str
    imputation_value: float
    is_log_transformed: bool
    clip_low: float
    clip_high: float
    center: float
    scale: float

    def apply(self, values: pd.Series) -> np.ndarray:
        x = values.astype(float).fillna(self.imputation_value).to_numpy()
        if self.is_log_transformed:
            x = signed_log1p(x)
        x = np.clip(x, self.clip_low, self.clip_high)
        return (x - self.center) / self.scale

    def invert(self, z: np.ndarray) -> np.ndarray:
        """From scaled units back to the feature's own units (clipping cannot be undone)."""
        x = np.asarray(z) * self.scale + self.center
        return signed_expm1(x) if self.is_log_transformed else x


def signed_log1p(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.log1p(np.abs(x))


def signed_expm1(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.expm1(np.abs(x))


def dominant_share(x: np.ndarray) -> tuple[float, float]:
    """The most frequent value and the share of rows that hold it."""
    values, counts = np.unique(x, return_counts=True)
    top = int(np.argmax(counts))
    return float(values[top]), float(counts[top] / len(x))


def fit_transforms(
    frame: pd.DataFrame,
    features: tuple[str, ...],
    clip_quantile: float,
    skew_threshold: float,
    near_constant_share: float = 1.0,
) -> tuple[list[FeatureTransform], dict[str, str]]:
    """Learn one transform per feature. Features that cannot separate customers are left out,
    returned as {feature: why}: no values, one value for near_constant_share of the customers
    or more (a handful of others would become segments of their own), or no spread left after
    clipping."""
    transforms: list[FeatureTransform] = []
    left_out: dict[str, str] = {}
    for feature in features:
        raw = frame[feature].astype(float)
        if raw.notna().sum() == 0:
            left_out[feature] = "no values in the data; left out of the fit"
            continue
        imputation_value = float(raw.median())
        x = raw.fillna(imputation_value).to_numpy()
        value, share = dominant_share(x)
        if share >= near_constant_share and share < 1:
            left_out[feature] = (
                f"{share:.1%} of customers have the same value ({value:g}); "
                "near-constant, left out of the fit"
            )
            continue
        is_log = bool(abs(pd.Series(x).skew()) > skew_threshold) if len(x) > 2 else False
        if is_log:
            x = signed_log1p(x)
        low, high = np.quantile(x, [clip_quantile, 1 - clip_quantile])
        if high <= low:  # quantiles collapse on a dominant value: fall back to the full range
            low, high = float(x.min()), float(x.max())
        x = np.clip(x, low, high)
        scale = float(x.std())
        if not np.isfinite(scale) or scale < 1e-12:
            left_out[feature] = "constant in the data; left out of the fit"
            continue
        transforms.append(
            FeatureTransform(
                feature, imputation_value, is_log, float(low), float(high), float(x.mean()), scale
            )
        )
    return transforms, left_out


def transform(frame: pd.DataFrame, transforms: list[FeatureTransform]) -> np.ndarray:
    """The scaled feature matrix (rows in frame order, columns in transform order)."""
    if not transforms:
        return np.zeros((len(frame), 0))
    return np.column_stack([t.apply(frame[t.feature]) for t in transforms])
