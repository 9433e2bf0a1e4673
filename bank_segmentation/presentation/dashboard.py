"""The segment dashboard (Streamlit): `make dashboard`, or
    streamlit run bank_segmentation/presentation/dashboard.py -- --database <warehouse.duckdb>

Reads only the BI marts, through marts.py; the charts are those of the HTML report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from bank_segmentation import campaign_lists
from bank_segmentation.presentation import charts, marts
from bank_segmentation.presentation.stability import stability_summary
from bank_segmentation.presentation.views import EXPECTED_VALUE_NOTE, SegmentViews, read_views

ALL_SEGMENTS = "All segments"
# Reads are cached, so that while a build holds the warehouse the last complete build still
# shows; they expire after a while, so that a finished build shows up.
CACHE_SECONDS = 600


def table(frame: pd.DataFrame, columns: dict[str, Any]) -> None:
    """The given columns of `frame`, in that order, each with its heading (and format)."""
    st.dataframe(frame[list(columns)], hide_index=True, column_config=columns)


def database_path(argv: list[str]) -> Path:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database", type=Path, default=Path("warehouse/bank_segmentation.published.duckdb")
    )
    return parser.parse_args(argv).database


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS)
def as_of_dates(database: str) -> list[str]:
    with marts.connect(Path(database)) as connection:
        return [str(d) for d in marts.as_of_dates(connection)]


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS)
def load(database: str, as_of: str | None) -> SegmentViews:
    with marts.connect(Path(database)) as connection:
        return read_views(connection, as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS)
def rfm_grid(database: str, as_of: str, segment: str | None):
    with marts.connect(Path(database)) as connection:
        return marts.rfm_grid(connection, as_of, segment)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS)
def segment_list_csv(database: str, as_of: str, segment: str | None) -> bytes:
    with marts.connect(Path(database)) as connection:
        members = campaign_lists.segment_members(connection, as_of, segment)
    return members.to_csv(index=False).encode()


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS)
def campaign_list_csv(database: str, segment: str | None) -> bytes:
    with marts.connect(Path(database)) as connection:
        targets = campaign_lists.campaign_list(connection, segment=segment)
    return targets.to_csv(index=False).encode()


def downloads(database: str, views: SegmentViews, segment: str | None, is_current: bool) -> None:
    """CSV of the segment's customers (with why) and of its campaign target lists; the bank's
    customer ids in clear, for its own CRM (`make export HASH_IDS=1` for lists that leave it)."""
    st.header("Customer lists")
    name = segment or "all_segments"
    left, right = st.columns(2)
    left.download_button(
        "Download the segment's customers (CSV)",
        segment_list_csv(database, str(views.as_of), segment),
        file_name=f"segment_{name}_{views.as_of}.csv",
        mime="text/csv",
    )
    if is_current:
        right.download_button(
            "Download the campaign lists (CSV)",
            campaign_list_csv(database, segment),
            file_name=f"campaigns_{name}_{views.as_of}.csv",
            mime="text/csv",
        )
    else:
        right.info("Campaign lists exist for the latest as-of date only.")


def verdict_banner(views: SegmentViews) -> None:
    """The model's verdict first, in plain words, with its reasons when it is not strong."""
    if not views.verdict_headline:
        return
    if views.verdict == "strong":
        st.success(views.verdict_headline)
        return
    show = st.error if views.verdict == "no_structure" else st.warning
    show("\n".join([views.verdict_headline, *(f"- {r}" for r in views.verdict_reasons)]))


def overview_section(views: SegmentViews) -> None:
    st.header("Segments")
    total = int(views.overview.customers.sum())
    left, middle, right = st.columns(3)
    left.metric("Customers", f"{total:,}")
    middle.metric("Segments", f"{len(views.overview)}")
    right.metric(
        "Expected value of the campaigns, a year",
        views.total_expected_value_text,
    )
    st.altair_chart(charts.overview(views.overview, views.colours, views.labels.currency))


def segment_card(views: SegmentViews, segment: str) -> None:
    row = views.overview.loc[views.overview.segment_key == segment].iloc[0]
    actions = views.playbook.loc[views.playbook.segment_key == segment]
    st.header(f"Segment: {row.segment_name}")
    st.write(actions.segment_description.iloc[0])
    customers, share, spend, deposits = st.columns(4)
    customers.metric("Customers", f"{int(row.customers):,}")
    share.metric("Share of customers", f"{row.customer_share:.1%}")
    spend.metric("Median card spend per month", row.median_spend_per_month_text)
    deposits.metric(
        "Deposit balances, summed",
        row.total_deposit_balance_text,
    )
    recommended = actions.loc[actions.has_campaign]
    if recommended.empty:
        st.info(actions.action_description.iloc[0])
        return
    st.subheader("Recommended actions")
    table(
        recommended.round({"expected_value_amount": 0}),
        {
            "action_label": "Action",
            "channel_label": "Channel",
            "action_description": "What",
            "targeted_customers": st.column_config.NumberColumn("Customers", format="localized"),
            "expected_value_amount": st.column_config.NumberColumn(
                f"Expected value, a year ({views.labels.currency})", format="localized"
            ),
        },
    )
    st.caption(EXPECTED_VALUE_NOTE)


def main() -> None:
    st.set_page_config(page_title="Customer segments", layout="wide")
    database = str(database_path(sys.argv[1:]))
    try:
        page(database)
    except marts.WarehouseBusyError as busy:
        st.info(str(busy))


def page(database: str) -> None:
    dates = as_of_dates(database)
    with st.sidebar:
        st.title("Filters")
        as_of = st.selectbox("As-of date", dates, index=0)
        views = load(database, as_of)
        names = dict(zip(views.overview.segment_name, views.overview.segment_key, strict=True))
        chosen = st.selectbox("Segment", [ALL_SEGMENTS, *names])
    segment = names.get(chosen)
    st.title(f"Customer segments as of {views.as_of}")
    st.caption(views.data_as_of)
    verdict_banner(views)
    overview_section(views)
    if segment is not None:
        segment_card(views, segment)
    downloads(database, views, segment, is_current=as_of == dates[0])
    st.header("What sets each segment apart")
    profiles = views.profiles
    if segment is not None:
        profiles = profiles.loc[profiles.segment_key == segment]
    st.altair_chart(charts.profile_heatmap(profiles), width="content")
    st.header("Migration since the previous as-of date")
    if views.migration.empty:
        st.info("Only one as-of date is built: migration needs two (`make history`).")
    else:
        st.altair_chart(charts.migration_matrix(views.migration, views.colours))
    st.header("Stability")
    st.write(stability_summary(views.feature_drift, views.share_drift))
    if not views.decisions.empty:
        latest = views.decisions.iloc[0]
        st.write(f"Model on {latest.as_of_date}: {latest.action} ({latest.reason}).")
    table(
        views.feature_drift,
        {
            "feature": "Feature",
            "psi_vs_training": st.column_config.NumberColumn("PSI vs training", format="%.3f"),
            "status_vs_training": "Status vs training",
            "psi_vs_previous": st.column_config.NumberColumn("PSI vs previous", format="%.3f"),
            "status_vs_previous": "Status vs previous",
        },
    )
    table(
        views.share_drift,
        {
            "segment_name": "Segment",
            "customer_share_pct": st.column_config.NumberColumn("Share (%)", format="%.1f"),
            "share_at_training_pct": st.column_config.NumberColumn(
                "At training (%)", format="%.1f"
            ),
            "previous_share_pct": st.column_config.NumberColumn("Previous (%)", format="%.1f"),
            "change_vs_previous_points": st.column_config.NumberColumn(
                "Change (points)", format="%+.1f"
            ),
        },
    )
    st.header("RFM grid")
    grid = rfm_grid(database, views.as_of, segment)
    st.altair_chart(charts.rfm_grid(grid))
    st.header("Data quality")
    st.altair_chart(charts.data_quality(views.quality_counts))
    if views.quality_reasons.empty:
        st.success("No raw row was rejected.")
    else:
        table(
            views.quality_reasons,
            {
                "table_name": "Raw table",
                "rejection_reason": "Reason",
                "rows_rejected": st.column_config.NumberColumn(
                    "Rows quarantined", format="localized"
                ),
                "sample_value": "e.g.",
                "reading_setting": "Setting to check",
            },
        )


main()
