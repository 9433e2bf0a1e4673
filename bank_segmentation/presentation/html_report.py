"""Command line: the shareable segment report, one self-contained HTML file (charts inlined as
SVG, no scripts, nothing fetched) plus PNG exports of the key charts.

    dbt compile --select path:analyses
    python -m bank_segmentation.presentation.html_report \
        --database warehouse/bank_segmentation.duckdb \
        --analyses target/compiled/bank_segmentation/analyses --out reports
"""

from __future__ import annotations

import argparse
import html
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert

from bank_segmentation.presentation import charts, eda, marts
from bank_segmentation.presentation.stability import stability_summary
from bank_segmentation.presentation.views import SegmentViews, read_views

PNG_EXPORTS = ("overview", "profile_heatmap", "migration", "rfm_grid", "k_selection", "pca")
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0; } .subtitle { color: #555; margin-top: .3rem; }
section { margin: 2.5rem 0; } figure { margin: 1rem 0; overflow-x: auto; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .7rem; text-align: left; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; border-top: 2px solid #999; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
.card { border: 1px solid #ddd; border-left: 8px solid var(--colour); border-radius: 6px;
        padding: .8rem 1rem; }
.card h3 { margin: 0 0 .3rem 0; } .card p { margin: .3rem 0; } .note { color: #555; }
"""


def chart_svg(chart: alt.TopLevelMixin) -> str:
    return vl_convert.vegalite_to_svg(chart.to_json())


def figure(chart_id: str, chart: alt.TopLevelMixin | None, empty_note: str = "") -> str:
    if chart is None:
        return f'<p class="note" id="chart-{chart_id}-missing">{html.escape(empty_note)}</p>'
    return f'<figure class="chart" id="chart-{chart_id}">{chart_svg(chart)}</figure>'


def number_cell(value: float, text: str) -> str:
    return f'<td class="number" data-value="{value}">{html.escape(text)}</td>'


def overview_table(overview: pd.DataFrame) -> str:
    rows = "".join(
        f'<tr data-segment="{html.escape(r.segment_name)}"><td>{r.segment_id}</td>'
        f"<td>{html.escape(r.segment_name)}</td>"
        + number_cell(r.customers, f"{r.customers:,}")
        + number_cell(r.customer_share, f"{r.customer_share:.1%}")
        + number_cell(r.total_spend_per_month_amount, f"{r.total_spend_per_month_amount:,.0f}")
        + number_cell(r.total_deposit_balance_amount, f"{r.total_deposit_balance_amount:,.0f}")
        + "</tr>"
        for r in overview.itertuples()
    )
    total = overview.customers.sum()
    footer = (
        '<tr><td colspan="2">All customers</td>'
        + number_cell(total, f"{total:,}")
        + number_cell(overview.customer_share.sum(), f"{overview.customer_share.sum():.1%}")
        + number_cell(
            overview.total_spend_per_month_amount.sum(),
            f"{overview.total_spend_per_month_amount.sum():,.0f}",
        )
        + number_cell(
            overview.total_deposit_balance_amount.sum(),
            f"{overview.total_deposit_balance_amount.sum():,.0f}",
        )
        + "</tr>"
    )
    return (
        '<table id="segment-overview"><thead><tr><th>id</th><th>segment</th>'
        '<th class="number">customers</th><th class="number">share</th>'
        '<th class="number">spend per month</th><th class="number">deposit balances</th>'
        f"</tr></thead><tbody>{rows}</tbody><tfoot>{footer}</tfoot></table>"
    )


def segment_cards(views: SegmentViews) -> str:
    cards = []
    for (segment_id, name), actions in views.playbook.groupby(
        ["segment_id", "segment_name"], sort=True
    ):
        first = actions.iloc[0]
        summary = views.overview.set_index("segment_id").loc[segment_id]
        action_items = "".join(
            f"<li><b>{html.escape(a.action)}</b> via {html.escape(a.channel)}: "
            f"{html.escape(a.action_description)}"
            + (
                f" ({a.targeted_customers:,.0f} customers, expected value "
                f"{a.expected_value_amount:,.0f})"
                if pd.notna(a.targeted_customers)
                else ""
            )
            + "</li>"
            for a in actions.itertuples()
            if pd.notna(a.action)
        )
        cards.append(
            f'<div class="card" data-segment="{html.escape(name)}" '
            f'style="--colour: {views.colours.get(name, "#888")}">'
            f"<h3>{html.escape(name)}</h3><p>{html.escape(first.segment_description)}</p>"
            f'<p><span class="customers" data-value="{summary.customers}">'
            f"{summary.customers:,} customers</span> ({summary.customer_share:.1%}), spend "
            f"{summary.median_spend_per_month_amount:,.0f} per month (median)</p>"
            + (
                f"<ul>{action_items}</ul>"
                if action_items
                else '<p class="note">No action in the playbook for this segment.</p>'
            )
            + "</div>"
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def quality_table(reasons: pd.DataFrame) -> str:
    if reasons.empty:
        return '<p class="note">No raw row was rejected.</p>'
    rows = "".join(
        f"<tr><td>{html.escape(r.table_name)}</td><td>{html.escape(r.rejection_reason)}</td>"
        + number_cell(r.rows_rejected, f"{r.rows_rejected:,}")
        + "</tr>"
        for r in reasons.itertuples()
    )
    return (
        '<table id="quarantine-reasons"><thead><tr><th>table</th><th>reason</th>'
        f'<th class="number">rows quarantined</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def optional_number(value: float, pattern: str) -> str:
    if pd.isna(value):
        return '<td class="number">-</td>'
    return number_cell(value, pattern.format(value))


def stability_section(views: SegmentViews) -> str:
    features = "".join(
        f'<tr data-feature="{html.escape(r.feature)}"><td>{html.escape(r.feature)}</td>'
        + optional_number(r.psi_vs_training, "{:.3f}")
        + f"<td>{html.escape(str(r.status_vs_training or '-'))}</td>"
        + optional_number(r.psi_vs_previous, "{:.3f}")
        + f"<td>{html.escape(str(r.status_vs_previous or '-'))}</td></tr>"
        for r in views.feature_drift.itertuples()
    )
    shares = "".join(
        f'<tr data-segment="{html.escape(r.segment_name)}"><td>{html.escape(r.segment_name)}</td>'
        + optional_number(r.customer_share_pct, "{:.1f} %")
        + optional_number(r.share_at_training_pct, "{:.1f} %")
        + optional_number(r.previous_share_pct, "{:.1f} %")
        + optional_number(r.change_vs_previous_points, "{:+.1f}")
        + "</tr>"
        for r in views.share_drift.itertuples()
    )
    return (
        f'<p id="stability-summary">'
        f"{html.escape(stability_summary(views.feature_drift, views.share_drift))}</p>"
        '<table id="feature-drift"><thead><tr><th>feature</th>'
        '<th class="number">PSI vs training</th><th>status</th>'
        '<th class="number">PSI vs previous</th><th>status</th></tr></thead>'
        f"<tbody>{features}</tbody></table>"
        '<table id="share-drift"><thead><tr><th>segment</th><th class="number">share</th>'
        '<th class="number">at training</th><th class="number">previous</th>'
        '<th class="number">change (points)</th></tr></thead>'
        f"<tbody>{shares}</tbody></table>"
        '<p class="note">PSI (population stability index): under 0.1 stable, 0.1-0.25 worth a '
        "look, above 0.25 the customers no longer look like those the model was fitted on: "
        "retrain.</p>"
    )


def build_charts(views: SegmentViews, exploration: eda.Exploration) -> dict[str, alt.TopLevelMixin]:
    features = exploration.clustering_features
    points, explained = eda.projection(exploration.customer_features, features)
    return {
        "monthly_trends": charts.monthly_trends(exploration.monthly_trends),
        "distributions": charts.distributions(
            eda.distributions(exploration.customer_features, features)
        ),
        "correlations": charts.correlation_heatmap(
            eda.correlations(exploration.customer_features, features)
        ),
        "k_selection": charts.k_selection(exploration.k_candidates, exploration.chosen_k),
        "pca": charts.pca_scatter(points, explained, views.colours),
        "overview": charts.overview(views.overview, views.colours),
        "profile_heatmap": charts.profile_heatmap(views.profiles),
        "rfm_grid": charts.rfm_grid(views.rfm_grid),
        "data_quality": charts.data_quality(views.quality_counts),
        **(
            {"migration": charts.migration_matrix(views.migration, views.colours)}
            if not views.migration.empty
            else {}
        ),
    }


def render(views: SegmentViews, built: dict[str, alt.TopLevelMixin], generated: date) -> str:
    total = int(views.overview.customers.sum())
    sections = [
        (
            "Exploratory analysis",
            figure("monthly_trends", built["monthly_trends"])
            + figure("distributions", built["distributions"])
            + figure("correlations", built["correlations"])
            + figure("k_selection", built["k_selection"])
            + figure("pca", built["pca"]),
        ),
        ("Segments", figure("overview", built["overview"]) + overview_table(views.overview)),
        ("What sets each segment apart", figure("profile_heatmap", built["profile_heatmap"])),
        ("Segment cards and recommended actions", segment_cards(views)),
        (
            "Migration since the previous as-of date",
            figure(
                "migration",
                built.get("migration"),
                "Only one as-of date is built: migration needs two (`make history`).",
            ),
        ),
        ("Stability", stability_section(views)),
        ("RFM", figure("rfm_grid", built["rfm_grid"])),
        (
            "Data quality",
            figure("data_quality", built["data_quality"]) + quality_table(views.quality_reasons),
        ),
    ]
    body = "".join(f"<section><h2>{title}</h2>{content}</section>" for title, content in sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Customer segments as of {views.as_of}</title><style>{STYLE}</style></head>"
        f"<body><h1>Customer segments as of {views.as_of}</h1>"
        f'<p class="subtitle">{total:,} customers in {len(views.overview)} segments. '
        f"Generated {generated} from the BI marts.</p>{body}</body></html>"
    )


def write_report(database: Path, analyses_dir: Path, out_dir: Path) -> Path:
    with marts.connect(database) as connection:
        views = read_views(connection)
        exploration = eda.explore(connection, analyses_dir)
    built = build_charts(views, exploration)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "segment_report.html"
    report.write_text(render(views, built, date.today()), encoding="utf-8")
    png_dir = out_dir / "png"
    png_dir.mkdir(exist_ok=True)
    for name in PNG_EXPORTS:
        if name in built:
            (png_dir / f"{name}.png").write_bytes(
                vl_convert.vegalite_to_png(built[name].to_json(), scale=2)
            )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--analyses", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("reports"))
    args = parser.parse_args(argv)
    report = write_report(args.database, args.analyses, args.out)
    print(f"report: {report}\nPNG exports: {report.parent / 'png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
