"""One as-of date's worth of everything the dashboard and the report show, read once.

The frames are ready to show: segment_name, from/to_segment_name and feature hold display
labels (presentation/labels.py); segment_key and feature_key keep the marts' names; values
come as the marts' texts (*_text columns)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from bank_segmentation.clustering.verdict import verdict_in_words
from bank_segmentation.presentation import marts
from bank_segmentation.presentation.labels import Labels, humanised, labels_from_frame
from bank_segmentation.presentation.palette import segment_colours

EXPECTED_VALUE_NOTE = (
    "Expected value: what the bank expects to earn over a year if the campaign runs = each "
    "targeted customer's basis amount (annual card spend, deposit balance, annual income or "
    "loans outstanding) x the value rate x the response rate, summed; the rates are the "
    "bank's, in seeds/campaign_playbook.csv."
)


@dataclass(frozen=True)
class SegmentViews:
    as_of: date
    labels: Labels
    verdict: str | None  # strong | weak | no_structure of the model behind the segments
    verdict_reasons: tuple[str, ...]
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
    decisions: pd.DataFrame  # what each build did about the model, latest first
    published_at: datetime | None  # None when read from a working warehouse
    exclusions: pd.DataFrame  # per action and eligibility rule, the customers left out

    @property
    def data_as_of(self) -> str:
        """The line that dates what a reader sees: as-of date and, from a snapshot, when the
        build that passed was published."""
        if self.published_at is None:
            return f"Data as of {self.as_of}, read from a working warehouse (not published)."
        return f"Data as of {self.as_of}, published {self.published_at:%Y-%m-%d %H:%M} UTC."

    @property
    def verdict_headline(self) -> str:
        return verdict_in_words(self.verdict, list(self.verdict_reasons))

    @property
    def total_expected_value_text(self) -> str:
        """What every campaign of the as-of date is expected to earn in a year, as shown."""
        return str(self.playbook.total_expected_value_text.iloc[0])

    def segment_expected_value_text(self, segment_key: str) -> str:
        rows = self.playbook.loc[self.playbook.segment_key == segment_key]
        return str(rows.segment_expected_value_text.iloc[0])

    @property
    def campaigns(self) -> pd.DataFrame:
        """The playbook's rows with a campaign (no no_campaign rows)."""
        return self.playbook.loc[self.playbook.has_campaign]


def with_segment_labels(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    labelled = frame.assign(segment_key=frame.segment_name)
    return labelled.assign(segment_name=labelled.segment_key.map(labels.label))


def with_feature_labels(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    labelled = frame.assign(feature_key=frame.feature)
    return labelled.assign(feature=labelled.feature_key.map(labels.label))


def playbook_labels(playbook: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    return with_segment_labels(playbook, labels).assign(
        action_label=playbook.action.map(humanised),
        channel_label=playbook.channel.fillna("").str.replace("_", " "),
    )


def read_views(connection: duckdb.DuckDBPyConnection, as_of: date | None = None) -> SegmentViews:
    """The views of `as_of` (default: the latest as-of date in the marts)."""
    dates = marts.as_of_dates(connection)
    if not dates:
        raise ValueError("segment_summary is empty: build the project (`make build`) first")
    as_of = as_of or dates[0]
    labels = labels_from_frame(marts.display_formats(connection))
    counts, reasons = marts.data_quality(connection)
    profiles = with_feature_labels(
        with_segment_labels(marts.segment_profiles(connection, as_of), labels), labels
    )
    migration = marts.segment_migration(connection, as_of)
    verdict, verdict_reasons = marts.model_verdict(connection, as_of)
    return SegmentViews(
        as_of=as_of,
        labels=labels,
        verdict=verdict,
        verdict_reasons=verdict_reasons,
        colours={
            labels.label(name): colour
            for name, colour in segment_colours(marts.all_segments(connection)).items()
        },
        overview=with_segment_labels(marts.segment_overview(connection, as_of), labels),
        profiles=profiles,
        playbook=playbook_labels(marts.segment_playbook(connection, as_of), labels),
        migration=migration.assign(
            from_segment_name=migration.from_segment_name.map(labels.label),
            to_segment_name=migration.to_segment_name.map(labels.label),
        ),
        rfm_grid=marts.rfm_grid(connection, as_of),
        rfm_summary=marts.rfm_summary(connection, as_of),
        quality_counts=counts,
        quality_reasons=reasons,
        feature_drift=with_feature_labels(marts.feature_drift(connection, as_of), labels),
        share_drift=with_segment_labels(marts.share_drift(connection, as_of), labels),
        decisions=marts.model_decisions(connection, as_of),
        published_at=marts.published_at(connection),
        exclusions=marts.campaign_exclusions(connection, as_of),
    )
