"""The segment dashboard (Streamlit): `make dashboard`, or
    streamlit run bank_segmentation/presentation/dashboard.py -- --database <warehouse.duckdb>

Reads only the BI marts, through marts.py; the charts are those of the HTML report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

from bank_segmentation.presentation import charts, marts
from bank_segmentation.presentation.stability import stability_summary
from bank_segmentation.presentation.views import SegmentViews, read_views

ALL_SEGMENTS = "All segments"
# Reads are cached, so that while a build holds the warehouse the last complete build still
# shows; they expire after a while, so that a finished build shows up.
CACHE_SECONDS = 600


def database_path(argv: list[str]) -> Path:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, default=Path("warehouse/bank_segmentation.duckdb"))
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


def overview_section(views: SegmentViews) -> None:
    st.header("Segments")
    total = int(views.overview.customers.sum())
    left, middle, right = st.columns(3)
    left.metric("Customers", f"{total:,}")
    middle.metric("Segments", f"{len(views.overview)}")
    right.metric("Spend per month", f"{views.overview.total_spend_per_month_amount.sum():,.0f}")
    st.altair_chart(charts.overview(views.overview, views.colours))


def segment_card(views: SegmentViews, segment: str) -> None:
    row = views.overview.loc[views.overview.segment_name == segment].iloc[0]
    actions = views.playbook.loc[views.playbook.segment_name == segment]
    st.header(f"Segment: {segment}")
    st.write(actions.segment_description.iloc[0])
    customers, share, spend, deposits = st.columns(4)
    customers.metric("Customers", f"{int(row.customers):,}")
    share.metric("Share of customers", f"{row.customer_share:.1%}")
    spend.metric("Median spend per month", f"{row.median_spend_per_month_amount:,.0f}")
    deposits.metric("Deposit balances", f"{row.total_deposit_balance_amount:,.0f}")
    recommended = actions.dropna(subset=["action"])
    if recommended.empty:
        st.info("The campaign playbook has no action for this segment.")
        return
    st.subheader("Recommended actions")
    recommended = recommended.assign(
        expected_value_amount=recommended.expected_value_amount.round()
    )
    st.dataframe(
        recommended[
            [
                "action",
                "channel",
                "product",
                "action_description",
                "targeted_customers",
                "expected_value_amount",
            ]
        ],
        hide_index=True,
        column_config={
            "targeted_customers": st.column_config.NumberColumn("customers", format="localized"),
            "expected_value_amount": st.column_config.NumberColumn(
                "expected value", format="localized"
            ),
        },
    )


def main() -> None:
    st.set_page_config(page_title="Customer segments", layout="wide")
    database = str(database_path(sys.argv[1:]))
    try:
        page(database)
    except marts.WarehouseBusyError as busy:
        st.info(str(busy))


def page(database: str) -> None:
    with st.sidebar:
        st.title("Filters")
        as_of = st.selectbox("As-of date", as_of_dates(database), index=0)
        views = load(database, as_of)
        segment = st.selectbox("Segment", [ALL_SEGMENTS, *views.overview.segment_name])
    st.title(f"Customer segments as of {views.as_of}")
    overview_section(views)
    if segment != ALL_SEGMENTS:
        segment_card(views, segment)
    st.header("What sets each segment apart")
    profiles = views.profiles
    if segment != ALL_SEGMENTS:
        profiles = profiles.loc[profiles.segment_name == segment]
    st.altair_chart(charts.profile_heatmap(profiles))
    st.header("Migration since the previous as-of date")
    if views.migration.empty:
        st.info("Only one as-of date is built: migration needs two (`make history`).")
    else:
        st.altair_chart(charts.migration_matrix(views.migration, views.colours))
    st.header("Stability")
    st.write(stability_summary(views.feature_drift, views.share_drift))
    st.dataframe(
        views.feature_drift[
            [
                "feature",
                "psi_vs_training",
                "status_vs_training",
                "psi_vs_previous",
                "status_vs_previous",
            ]
        ],
        hide_index=True,
    )
    st.dataframe(
        views.share_drift[
            [
                "segment_name",
                "customer_share_pct",
                "share_at_training_pct",
                "previous_share_pct",
                "change_vs_previous_points",
            ]
        ],
        hide_index=True,
    )
    st.header("RFM grid")
    grid = rfm_grid(database, views.as_of, None if segment == ALL_SEGMENTS else segment)
    st.altair_chart(charts.rfm_grid(grid))
    st.header("Data quality")
    st.altair_chart(charts.data_quality(views.quality_counts))
    if views.quality_reasons.empty:
        st.success("No raw row was rejected.")
    else:
        st.dataframe(views.quality_reasons, hide_index=True)


main()
