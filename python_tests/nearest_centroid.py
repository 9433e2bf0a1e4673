"""The tests' own reading of a stored model: every row to its nearest centroid after the stored
transforms. An oracle for the clustering core's tests, not a scorer of the product (customers
are scored in SQL, models/clustering/customer_segment_assignments.sql, whose unit tests pin the
same rule)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bank_segmentation.clustering.model import SegmentationModel
from bank_segmentation.clustering.preprocess import transform


def nearest_segments(model: SegmentationModel, frame: pd.DataFrame) -> pd.DataFrame:
    """customer_id, segment_id and margin (runner-up distance - own distance) per row, by id."""
    frame = frame.sort_values("customer_id", kind="stable").reset_index(drop=True)
    x = transform(frame, list(model.transforms))
    distances = np.sqrt(((x[:, None, :] - model.centroids[None, :, :]) ** 2).sum(axis=2))
    ranked = np.argsort(distances, axis=1, kind="stable")[:, :2]
    rows = np.arange(len(x))
    return pd.DataFrame(
        {
            "customer_id": frame["customer_id"].to_numpy(),
            "segment_id": np.array(model.segment_ids)[ranked[:, 0]],
            "margin": distances[rows, ranked[:, 1]] - distances[rows, ranked[:, 0]],
        }
    )
