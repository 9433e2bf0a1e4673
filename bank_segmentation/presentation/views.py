"""One as-of date's worth of everything the dashboard and the report show, read once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from bank_segmentation.presentation import marts
from bank_segmentation.presentation.palette import segment_colours


@dataclass(frozen=True)
class SegmentViews:
    as_of: date
    colours: dict[str, str]
    overview: pd.DataFrame
    profiles: pd.DataFrame
    playbook: pd.DataFrame
    migration: pd.DataFrame
    rfm_grid: pd.DataFrame
    rfm_summary: pd.DataFrame
    quality_counts: pd.DataFrame
    quality_reasons: pd.DataFrame
    feature_drift: pd.DataFrame
    share_drift: pd.DataFrame


def read_views(connection: duckdb.DuckDBPyConnection, as_of: date | None = None) -> SegmentViews:
    """The views of `as_of` (default: the latest as-of date in the marts)."""
    dates = marts.as_of_dates(connection)
    if not dates:
        raise ValueError("segment_summary is empty: build the project (`make build`) first")
    as_of = as_of or dates[0]
    counts, reasons = marts.data_quality(connection)
    return SegmentViews(
        as_of=as_of,
        colours=segment_colours(marts.all_segments(connection)),
        overview=marts.segment_overview(connection, as_of),
        profiles=marts.segment_profiles(connection, as_of),
        playbook=marts.segment_playbook(connection, as_of),
        migration=marts.segment_migration(connection, as_of),
        rfm_grid=marts.rfm_grid(connection, as_of),
        rfm_summary=marts.rfm_summary(connection, as_of),
        quality_counts=counts,
        quality_reasons=reasons,
        feature_drift=marts.feature_drift(connection, as_of),
        share_drift=marts.share_drift(connection, as_of),
    )
