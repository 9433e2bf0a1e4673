"""Clustering core: usable on any pandas feature table, inside or outside dbt.

from bank_segmentation.clustering import SegmentationConfig, fit_segmentation, assign_segments
fitted = fit_segmentation(features, SegmentationConfig(features=[...]))
assignments = assign_segments(fitted.model, features)
"""

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig
from bank_segmentation.clustering.model import (
    FittedSegmentation,
    SegmentationModel,
    assign_segments,
    fit_segmentation,
)

__all__ = [
    "ConfigError",
    "FittedSegmentation",
    "SegmentationConfig",
    "SegmentationModel",
    "assign_segments",
    "fit_segmentation",
]
