"""Clustering core: usable on any pandas feature table, inside or outside dbt.

from bank_segmentation.clustering import SegmentationConfig, fit_segmentation
fitted = fit_segmentation(features, SegmentationConfig(features=[...]))
fitted.model, fitted.training_labels

Customers are scored in SQL only (models/clustering/customer_segment_assignments.sql), on every
engine; read customer_segment_assignments from the warehouse for a model's assignments.
"""

from importlib import import_module
from typing import Any

# Each name is imported on first use, from its module: a build that only scores (reads the
# decision, fits nothing) does not pay for importing scikit-learn and SciPy (about 1.5 s).
_MODULE_OF = {
    "ConfigError": "config",
    "SegmentationConfig": "config",
    "FittedSegmentation": "model",
    "SegmentationModel": "model",
    "fit_segmentation": "model",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
