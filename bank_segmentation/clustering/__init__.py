"""Clustering core: usable on any pandas feature table, inside or outside dbt.

from bank_segmentation.clustering import SegmentationConfig, fit_segmentation
fitted = fit_segmentation(features, SegmentationConfig(features=[...]))
fitted.model, fitted.training_labels

Customers are scored in SQL only (models/clustering/customer_segment_assignments.sql), on every
engine; read customer_segment_assignments from the warehouse for a model's assignments.
"""

from bank_segmentation.clustering.config import ConfigError, SegmentationConfig
from bank_segmentation.clustering.model import (
    FittedSegmentation,
    SegmentationModel,
    fit_segmentation,
)

__all__ = [
    "ConfigError",
    "FittedSegmentation",
    "SegmentationConfig",
    "SegmentationModel",
    "fit_segmentation",
]
