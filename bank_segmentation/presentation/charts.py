"""Every chart of the dashboard and the report, as Altair (Vega-Lite) specs built from the
mart reads in marts.py and eda.py. Numbers carry thousands separators and units; segments
always get the colours of palette.segment_colours().

Over 300 lines on purpose: one function per chart, all sharing the same axis and colour
habits.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from bank_segmentation.presentation.labels import humanised
from bank_segmentation.presentation.palette import DIVERGING_SCHEME, SEQUENTIAL_SCHEME

WIDTH = 560
AMOUNT = ",.0f"
SHARE = ".1%"


def segment_scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def segment_colour(colours: dict[str, str], legend: bool = True) -> alt.Color:
    return alt.Color(
        "segment_name:N",
        title="Segment",
        scale=segment_scale(colours),
        legend=alt.Legend() if legend else None,
    )


def overview(summary: pd.DataFrame, colours: dict[str, str], currency: str) -> alt.Chart:
    """Customers per segment (bar, share in the label) next to monthly spend and deposits,
    each summed over the segment's customers."""
    order = summary.sort_values("customers", ascending=False).segment_name.tolist()
    y = alt.Y("segment_name:N", title=None, sort=order)
    # the bars are labelled by segment on the y axis: no legend needed
    base = alt.Chart(summary).encode(y=y, color=segment_colour(colours, legend=False))
    tooltip = [
        alt.Tooltip("segment_name:N", title="Segment"),
        alt.Tooltip("customers:Q", title="Customers", format=","),
        alt.Tooltip("customer_share:Q", title="Share", format=SHARE),
        alt.Tooltip(
            "total_spend_per_month_amount:Q",
            title=f"Card spend per month, all customers ({currency})",
            format=AMOUNT,
        ),
        alt.Tooltip(
            "total_deposit_balance_amount:Q",
            title=f"Deposit balances, all customers ({currency})",
            format=AMOUNT,
        ),
    ]
    customers = base.mark_bar().encode(
        x=alt.X("customers:Q", title="Customers", axis=alt.Axis(format=",")), tooltip=tooltip
    ) + base.mark_text(align="left", dx=3, color="#333").encode(
        x=alt.X("customers:Q", axis=None), text=alt.Text("customer_share:Q", format=SHARE)
    )
    spend = base.mark_bar().encode(
        x=alt.X(
            "total_spend_per_month_amount:Q",
            title=f"Card spend per month, summed ({currency})",
            axis=alt.Axis(format="~s"),
        ),
        tooltip=tooltip,
    )
    deposits = base.mark_bar().encode(
        x=alt.X(
            "total_deposit_balance_amount:Q",
            title=f"Deposit balances, summed ({currency})",
            axis=alt.Axis(format="~s"),
        ),
        tooltip=tooltip,
    )
    return alt.hconcat(
        customers.properties(width=220, title="Customers (share of all)"),
        spend.properties(width=170, title="Card spend per month"),
        deposits.properties(width=170, title="Deposit balances"),
    ).resolve_scale(y="shared")


def labelled_heatmap(
    data: pd.DataFrame,
    x: alt.X,
    y: alt.Y,
    color: alt.Color,
    tooltip: list[alt.Tooltip],
    label: alt.Text,
    font_size: int,
    label_color: alt.Color | dict | None = None,
) -> alt.LayerChart:
    """Coloured cells with their value written in each: the shape of every heatmap here."""
    base = alt.Chart(data).encode(x=x, y=y)
    cells = base.mark_rect().encode(color=color, tooltip=tooltip)
    labels = base.mark_text(fontSize=font_size).encode(text=label)
    if label_color is not None:
        labels = labels.encode(color=label_color)
    return cells + labels


def profile_heatmap(profiles: pd.DataFrame) -> alt.Chart:
    """Per segment and feature (labels, every column named): coloured by z-score, written as
    the index (100 = average) or, for a feature that can be below 0, the difference from the
    average (segment_profiles.profile_cell_text)."""
    return labelled_heatmap(
        profiles,
        x=alt.X(
            "feature:N",
            title=None,
            axis=alt.Axis(labelAngle=-45, labelLimit=0, labelOverlap=False, labelFontSize=11),
        ),
        y=alt.Y("segment_name:N", title=None, axis=alt.Axis(labelLimit=0, labelFontSize=11)),
        color=alt.Color(
            "z_score:Q",
            title="SDs from the average",
            scale=alt.Scale(scheme=DIVERGING_SCHEME, domainMid=0, domain=[-2, 2], clamp=True),
        ),
        tooltip=[
            alt.Tooltip("segment_name:N", title="Segment"),
            alt.Tooltip("feature:N", title="Feature"),
            alt.Tooltip("profile_cell_text:N", title="Index (100 = average) or difference"),
            alt.Tooltip("segment_mean:Q", title="Segment mean", format=",.2f"),
            alt.Tooltip("population_mean:Q", title="All customers", format=",.2f"),
        ],
        label=alt.Text("profile_cell_text:N"),
        font_size=9,
        label_color=alt.condition(
            "abs(datum.z_score) > 1.2", alt.value("white"), alt.value("#222")
        ),
    ).properties(
        width=alt.Step(44),
        height=alt.Step(24),
        title="Profile: index vs all customers (100 = average); "
        "balances and trends: difference from the average",
    )


def migration_matrix(migration: pd.DataFrame, colours: dict[str, str]) -> alt.Chart:
    """Customers from the previous as-of date's segment (rows) to this one's (columns)."""
    domain = [*colours, humanised("new_customer"), humanised("lost_customer")]
    return labelled_heatmap(
        migration,
        x=alt.X("to_segment_name:N", title="Segment now", sort=domain),
        y=alt.Y("from_segment_name:N", title="Segment before", sort=domain),
        color=alt.Color(
            "customers:Q", title="Customers", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, type="log")
        ),
        tooltip=[
            alt.Tooltip("from_segment_name:N", title="From"),
            alt.Tooltip("to_segment_name:N", title="To"),
            alt.Tooltip("customers:Q", title="Customers", format=","),
            alt.Tooltip("share_of_from_segment:Q", title="Share of 'from'", format=SHARE),
        ],
        label=alt.Text("customers:Q", format=","),
        font_size=9,
    ).properties(width=alt.Step(60), height=alt.Step(24), title="Migration (customers)")


def rfm_grid(grid: pd.DataFrame) -> alt.Chart:
    """Customers per recency score x frequency score (5 = most recent / most frequent)."""
    return labelled_heatmap(
        grid,
        x=alt.X("f_score:O", title="Frequency score (5 = most frequent)"),
        y=alt.Y("r_score:O", title="Recency score (5 = most recent)", sort="descending"),
        color=alt.Color(
            "customers:Q", title="Customers", scale=alt.Scale(scheme=SEQUENTIAL_SCHEME)
        ),
        tooltip=[
            alt.Tooltip("r_score:O", title="R"),
            alt.Tooltip("f_score:O", title="F"),
            alt.Tooltip("customers:Q", title="Customers", format=","),
            alt.Tooltip("mean_monetary_amount:Q", title="Mean monetary", format=AMOUNT),
        ],
        label=alt.Text("customers:Q", format=","),
        font_size=10,
    ).properties(width=300, height=260, title="RFM grid (customers)")


def data_quality(counts: pd.DataFrame) -> alt.Chart:
    """Rows kept, rejected and redelivered (copies and superseded versions) per raw table."""
    outcomes = {
        "rows_kept": "kept",
        "rows_rejected": "quarantined",
        "rows_redelivered": "redelivered",
    }
    long = counts.melt(id_vars="table_name", value_vars=list(outcomes), var_name="outcome")
    long["outcome"] = long["outcome"].map(outcomes)
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("table_name:N", title=None),
            x=alt.X("value:Q", title="Raw rows", axis=alt.Axis(format="~s")),
            color=alt.Color(
                "outcome:N",
                title="Outcome",
                scale=alt.Scale(
                    domain=list(outcomes.values()), range=["#0072B2", "#D55E00", "#999999"]
                ),
            ),
            tooltip=[
                alt.Tooltip("table_name:N", title="Table"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("value:Q", title="Rows", format=","),
            ],
        )
        .properties(width=WIDTH, title="Data quality: raw rows kept and quarantined")
    )


# --- exploratory analysis (report) -----------------------------------------------------------


def monthly_trends(trends: pd.DataFrame, currency: str) -> alt.Chart:
    long = trends.melt(
        id_vars="month_start_date",
        value_vars=["spend_amount", "income_amount", "deposit_balance_amount"],
        var_name="measure",
    )
    long["measure"] = long["measure"].map(
        {
            "spend_amount": "Spend",
            "income_amount": "Income (credits to current accounts)",
            "deposit_balance_amount": "Deposit balances (month end)",
        }
    )
    return (
        alt.Chart(long)
        .mark_line(point=True, color="#0072B2")
        .encode(
            x=alt.X("yearmonth(month_start_date):T", title="Month"),
            y=alt.Y(
                "value:Q",
                title=f"Sum over customers ({currency})",
                axis=alt.Axis(format="~s"),
                scale=alt.Scale(zero=False),
            ),
            tooltip=[
                alt.Tooltip("yearmonth(month_start_date):T", title="Month"),
                alt.Tooltip("measure:N", title="Measure"),
                alt.Tooltip("value:Q", title="Amount", format=AMOUNT),
            ],
        )
        .properties(width=230, height=160)
        .facet(facet=alt.Facet("measure:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title="Monthly trends: spend, income and balances")
    )


def distributions(histograms: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(histograms)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X("bin_start:Q", title=None, axis=alt.Axis(format=",.3~g")),
            x2="bin_end:Q",
            y=alt.Y("customers:Q", title="Customers", axis=alt.Axis(format="~s")),
            y2=alt.datum(0),
            tooltip=[
                alt.Tooltip("bin_start:Q", title="From", format=",.2f"),
                alt.Tooltip("bin_end:Q", title="To", format=",.2f"),
                alt.Tooltip("customers:Q", title="Customers", format=","),
            ],
        )
        .properties(width=170, height=110)
        .facet(facet=alt.Facet("feature:N", title=None), columns=4)
        .resolve_scale(x="independent", y="independent")
        .properties(title="Distributions of the clustering features (log scale where skewed)")
    )


def correlation_heatmap(long: pd.DataFrame) -> alt.Chart:
    return labelled_heatmap(
        long,
        x=alt.X(
            "feature_x:N",
            title=None,
            axis=alt.Axis(labelAngle=-45, labelLimit=0, labelOverlap=False),
        ),
        y=alt.Y("feature_y:N", title=None, axis=alt.Axis(labelLimit=0)),
        color=alt.Color(
            "correlation:Q",
            title="Spearman ρ",
            scale=alt.Scale(scheme=DIVERGING_SCHEME, domain=[-1, 1], domainMid=0),
        ),
        tooltip=[
            alt.Tooltip("feature_x:N", title="Feature"),
            alt.Tooltip("feature_y:N", title="and feature"),
            alt.Tooltip("correlation:Q", title="Spearman ρ", format=".2f"),
        ],
        label=alt.Text("correlation:Q", format=".1f"),
        font_size=8,
    ).properties(width=420, height=420, title="Correlation of the clustering features")


def k_selection(candidates: pd.DataFrame, chosen_k: int) -> alt.Chart:
    metrics = {
        "silhouette": "Silhouette (higher is better)",
        "davies_bouldin": "Davies-Bouldin (lower is better)",
        "calinski_harabasz": "Calinski-Harabasz (higher is better)",
        "stability_ari": "Bootstrap stability, ARI (higher is better)",
        "smallest_segment_share": "Smallest segment share",
    }
    long = candidates.melt(id_vars="k", value_vars=list(metrics), var_name="metric")
    long["metric"] = long["metric"].map(metrics)
    long["is_chosen"] = long["k"] == chosen_k
    base = alt.Chart(long).encode(x=alt.X("k:O", title="k (number of segments)"))
    lines = base.mark_line(color="#0072B2", point=True).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("k:O"), alt.Tooltip("metric:N"), alt.Tooltip("value:Q", format=".3f")],
    )
    chosen = (
        base.transform_filter("datum.is_chosen")
        .mark_point(color="#D55E00", size=140, shape="diamond", filled=True)
        .encode(y="value:Q")
    )
    return (
        (lines + chosen)
        .properties(width=200, height=130)
        .facet(facet=alt.Facet("metric:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=f"Choice of k: every metric per candidate (chosen k = {chosen_k}, ◆)")
    )


def pca_scatter(points: pd.DataFrame, explained: tuple[float, float], colours: dict[str, str]):
    return (
        alt.Chart(points)
        .mark_circle(size=12, opacity=0.6)
        .encode(
            x=alt.X("pc1:Q", title=f"PC1 ({explained[0]:.0%} of variance)"),
            y=alt.Y("pc2:Q", title=f"PC2 ({explained[1]:.0%} of variance)"),
            color=segment_colour(colours),
        )
        .properties(width=WIDTH, height=380, title="Customers in 2-D (PCA), coloured by segment")
    )
