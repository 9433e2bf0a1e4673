"""Command line: the shareable segment report, one self-contained HTML file (charts inlined as
SVG, no scripts, nothing fetched) plus PNG exports of the key charts.

    python -m bank_segmentation.presentation.html_report \
        --database warehouse/bank_segmentation.published.duckdb --out reports

Over 300 lines on purpose: one section function per section of the report, in its order,
so the page reads top to bottom here.
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
from bank_segmentation.presentation.labels import Labels
from bank_segmentation.presentation.stability import stability_summary
from bank_segmentation.presentation.views import EXPECTED_VALUE_NOTE, SegmentViews, read_views

PNG_EXPORTS = ("overview", "profile_heatmap", "migration", "rfm_grid", "k_selection", "pca")
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0; } .subtitle { color: #555; margin-top: .3rem; }
.verdict { padding: .2rem 1rem; border-left: 4px solid #2e7d32; background: #f3f8f3; }
.verdict-weak { border-color: #b26a00; background: #fff6e5; }
.verdict-no_structure { border-color: #b00020; background: #fdecee; }
section { margin: 2.5rem 0; } figure { margin: 1rem 0; overflow-x: auto; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .7rem; text-align: left; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; border-top: 2px solid #999; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
.card { border: 1px solid #ddd; border-left: 8px solid var(--colour); border-radius: 6px;
        padding: .8rem 1rem; }
.card h3 { margin: 0 0 .3rem 0; } .card p { margin: .3rem 0; } .note { color: #555; }
.lead { font-size: 1.1rem; } .no-campaign { color: #7a4b00; }
"""


def chart_svg(chart: alt.TopLevelMixin) -> str:
    return vl_convert.vegalite_to_svg(chart.to_json())


def figure(chart_id: str, chart: alt.TopLevelMixin | None, empty_note: str = "") -> str:
    if chart is None:
        return f'<p class="note" id="chart-{chart_id}-missing">{html.escape(empty_note)}</p>'
    return f'<figure class="chart" id="chart-{chart_id}">{chart_svg(chart)}</figure>'


def number_cell(value: float, text: str) -> str:
    return f'<td class="number" data-value="{value}">{html.escape(text)}</td>'


STANDOUT_FEATURES = 3


def summary_section(views: SegmentViews) -> str:
    """One screen: every segment's size, typical spend, campaign value and top action."""
    value = views.campaigns.groupby("segment_key").expected_value_amount.sum()
    top = views.campaigns.drop_duplicates("segment_key").set_index("segment_key")
    rows = "".join(
        f'<tr data-segment="{html.escape(r.segment_key)}"><td>{html.escape(r.segment_name)}</td>'
        + number_cell(r.customers, f"{r.customers:,}")
        + number_cell(r.customer_share, f"{r.customer_share:.1%}")
        + number_cell(r.median_spend_per_month_amount, r.median_spend_per_month_text)
        + number_cell(
            value.get(r.segment_key, 0.0), views.segment_expected_value_text(r.segment_key)
        )
        + "<td>"
        + (
            f"{html.escape(top.loc[r.segment_key].action_label)} "
            f"({html.escape(top.loc[r.segment_key].channel_label)})"
            if r.segment_key in top.index
            else "No campaign"
        )
        + "</td></tr>"
        for r in views.overview.itertuples()
    )
    total = int(views.overview.customers.sum())
    footer = (
        "<tr><td>All customers</td>"
        + number_cell(total, f"{total:,}")
        + number_cell(
            views.overview.customer_share.sum(), f"{views.overview.customer_share.sum():.1%}"
        )
        + "<td></td>"
        + number_cell(value.sum(), views.total_expected_value_text)
        + "<td></td></tr>"
    )
    return (
        f'<p class="lead">{total:,} customers in {len(views.overview)} segments. The campaigns '
        f"below are expected to earn {html.escape(views.total_expected_value_text)} over a "
        "year.</p>"
        '<table id="segment-overview"><thead><tr><th>segment</th>'
        '<th class="number">customers</th><th class="number">share</th>'
        '<th class="number">median card spend per month</th>'
        '<th class="number">expected value of its campaigns, a year</th>'
        f"<th>top action</th></tr></thead><tbody>{rows}</tbody><tfoot>{footer}</tfoot></table>"
        f'<p class="note" id="expected-value-note">{html.escape(EXPECTED_VALUE_NOTE)}</p>'
    )


def verdict_note(views: SegmentViews) -> str:
    """The model's verdict in plain words, with each reason's detail when it is not strong."""
    if not views.verdict_headline:
        return ""
    details = "".join(
        f"<li>{html.escape(reason)}</li>"
        for reason in views.verdict_reasons
        if views.verdict != "strong"
    )
    return (
        f'<div id="model-verdict" class="verdict verdict-{html.escape(views.verdict or "")}">'
        f"<p><strong>{html.escape(views.verdict_headline)}</strong></p>"
        + (f"<ul>{details}</ul>" if details else "")
        + "</div>"
    )


def standout_features(views: SegmentViews, segment_key: str) -> str:
    """The features the segment differs most on (largest |z-score|), with both values."""
    profile = views.profiles.loc[views.profiles.segment_key == segment_key]
    strongest = profile.reindex(profile.z_score.abs().sort_values(ascending=False).index)
    return "; ".join(
        f"{r.feature} {r.segment_mean_text} (all customers {r.population_mean_text})"
        for r in strongest.head(STANDOUT_FEATURES).itertuples()
    )


def action_item(action) -> str:
    targeted = (
        f" ({action.targeted_customers:,.0f} customers, expected value "
        f"{action.expected_value_text} a year)"
        if pd.notna(action.targeted_customers)
        else ""
    )
    return (
        f"<li><b>{html.escape(action.action_label)}</b> via {html.escape(action.channel_label)}: "
        f"{html.escape(action.action_description)}{targeted}</li>"
    )


def segment_cards(views: SegmentViews) -> str:
    cards = []
    for segment_key, actions in views.playbook.groupby("segment_key", sort=False):
        first = actions.iloc[0]
        summary = views.overview.set_index("segment_key").loc[segment_key]
        offered = actions.loc[actions.has_campaign]
        standout = standout_features(views, segment_key)
        plan = (
            "<ul>" + "".join(action_item(a) for a in offered.itertuples()) + "</ul>"
            if not offered.empty
            else f'<p class="no-campaign">{html.escape(first.action_description)}</p>'
        )
        cards.append(
            f'<div class="card" data-segment="{html.escape(segment_key)}" '
            f'style="--colour: {views.colours.get(first.segment_name, "#888")}">'
            f"<h3>{html.escape(first.segment_name)}</h3>"
            f"<p>{html.escape(first.segment_description)}</p>"
            f'<p><span class="customers" data-value="{summary.customers}">'
            f"{summary.customers:,} customers</span> ({summary.customer_share:.1%}), median card "
            f"spend {html.escape(summary.median_spend_per_month_text)} per "
            f"month</p>"
            f'<p class="note">Stands out on: {html.escape(standout)}</p>' + plan + "</div>"
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def exclusions_section(views: SegmentViews) -> str:
    """Who the eligibility rules (seed campaign_eligibility_rules) left out of each list, and
    whether marketing consent could be checked."""
    exclusions = views.exclusions
    consent = (
        '<p class="no-campaign" id="consent-not-checked">Marketing consent was not checked: '
        "the delivery has no marketing_consent column, so every customer counted as "
        "consented. Add the column to the customers file before sending these lists.</p>"
        if not exclusions.is_rule_checked.all()
        else ""
    )
    excluded = exclusions.loc[exclusions.customers_excluded > 0]
    rows = "".join(
        f'<tr data-action="{html.escape(r.action)}" '
        f'data-reason="{html.escape(r.exclusion_reason)}">'
        f"<td>{html.escape(views.labels.label(r.action))}</td>"
        f"<td>{html.escape(r.exclusion_reason.replace('_', ' '))}</td>"
        + number_cell(r.customers_excluded, f"{r.customers_excluded:,}")
        + "</tr>"
        for r in excluded.itertuples()
    )
    table = (
        '<table id="campaign-exclusions"><thead><tr><th>action</th><th>left out because</th>'
        f'<th class="number">customers</th></tr></thead><tbody>{rows}</tbody></table>'
        if rows
        else '<p class="note">No customer was left out of a campaign list.</p>'
    )
    return (
        "<h3>Left out of the campaign lists</h3>"
        '<p class="note">Each customer left out of a list is counted under the first rule '
        "that holds, in the order of seed campaign_eligibility_rules. Customers with a loan in "
        "arrears get no credit offer: they are offered the financial health check instead."
        f"</p>{consent}{table}"
    )


def quality_table(reasons: pd.DataFrame) -> str:
    """Each rejection rule with one raw value it judged and the reading setting it points at
    (a number or date that does not read may be read with the wrong setting)."""
    if reasons.empty:
        return '<p class="note">No raw row was rejected.</p>'
    rows = "".join(
        f"<tr><td>{html.escape(r.table_name)}</td><td>{html.escape(r.rejection_reason)}</td>"
        + number_cell(r.rows_rejected, f"{r.rows_rejected:,}")
        + f"<td>{html.escape(text_or_dash(r.sample_value))}</td>"
        + f"<td>{html.escape(text_or_dash(r.reading_setting))}</td>"
        + "</tr>"
        for r in reasons.itertuples()
    )
    return (
        '<table id="quarantine-reasons"><thead><tr><th>table</th><th>reason</th>'
        '<th class="number">rows quarantined</th><th>e.g.</th><th>setting to check</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def text_or_dash(value: object) -> str:
    return "-" if value is None or pd.isna(value) else str(value)


def optional_number(value: float, pattern: str) -> str:
    if pd.isna(value):
        return '<td class="number">-</td>'
    return number_cell(value, pattern.format(value))


def stability_section(views: SegmentViews) -> str:
    features = "".join(
        f'<tr data-feature="{html.escape(r.feature_key)}"><td>{html.escape(r.feature)}</td>'
        + optional_number(r.psi_vs_training, "{:.3f}")
        + f"<td>{html.escape(str(r.status_vs_training or '-'))}</td>"
        + optional_number(r.psi_vs_previous, "{:.3f}")
        + f"<td>{html.escape(str(r.status_vs_previous or '-'))}</td></tr>"
        for r in views.feature_drift.itertuples()
    )
    shares = "".join(
        f'<tr data-segment="{html.escape(r.segment_key)}"><td>{html.escape(r.segment_name)}</td>'
        + optional_number(r.customer_share_pct, "{:.1f} %")
        + optional_number(r.share_at_training_pct, "{:.1f} %")
        + optional_number(r.previous_share_pct, "{:.1f} %")
        + optional_number(r.change_vs_previous_points, "{:+.1f}")
        + "</tr>"
        for r in views.share_drift.itertuples()
    )
    decisions = "".join(
        f"<tr><td>{r.as_of_date}</td><td>{html.escape(r.action)}</td>"
        f"<td>{html.escape(str(r.model_version))}</td><td>{html.escape(r.reason)}</td></tr>"
        for r in views.decisions.itertuples()
    )
    return (
        f'<p id="stability-summary">'
        f"{html.escape(stability_summary(views.feature_drift, views.share_drift))}</p>"
        '<table id="model-decisions"><thead><tr><th>as-of date</th><th>model</th>'
        "<th>version</th><th>why</th></tr></thead>"
        f"<tbody>{decisions}</tbody></table>"
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
    labels = views.labels
    features = tuple(labels.label(f) for f in exploration.clustering_features)
    customers = exploration.customer_features.rename(
        columns={f: labels.label(f) for f in exploration.clustering_features}
    )
    points, explained = eda.projection(customers, features)
    return {
        "monthly_trends": charts.monthly_trends(exploration.monthly_trends, labels.currency),
        "distributions": charts.distributions(eda.distributions(customers, features)),
        "correlations": charts.correlation_heatmap(eda.correlations(customers, features)),
        "k_selection": charts.k_selection(exploration.k_candidates, exploration.chosen_k),
        "pca": charts.pca_scatter(
            points.assign(segment_name=points.segment_name.map(labels.label)),
            explained,
            views.colours,
        ),
        "overview": charts.overview(views.overview, views.colours, labels.currency),
        "profile_heatmap": charts.profile_heatmap(views.profiles),
        "rfm_grid": charts.rfm_grid(views.rfm_grid),
        "data_quality": charts.data_quality(views.quality_counts),
        **(
            {"migration": charts.migration_matrix(views.migration, views.colours)}
            if not views.migration.empty
            else {}
        ),
    }


def unprofiled_note(exploration: eda.Exploration, labels: Labels) -> str:
    """Which clustered features the exploratory charts cannot show, and how to show them."""
    if not exploration.unprofiled_features:
        return ""
    names = ", ".join(labels.label(f) for f in exploration.unprofiled_features)
    return (
        '<p class="note" id="unprofiled-features">Clustered on but not shown here: '
        f"{html.escape(names)}. The segment marts carry the features marked is_profiled in "
        "seeds/feature_catalogue.csv; drift is watched on every clustered feature.</p>"
    )


def render(
    views: SegmentViews,
    built: dict[str, alt.TopLevelMixin],
    generated: date,
    appendix_note: str = "",
) -> str:
    """Summary and actions first, then what explains them; the analysis behind the model last."""
    sections = [
        ("summary", "Summary", verdict_note(views) + summary_section(views)),
        ("segments", "Segments and what to do", segment_cards(views) + exclusions_section(views)),
        (
            "profiles",
            "What sets each segment apart",
            figure("overview", built["overview"])
            + figure("profile_heatmap", built["profile_heatmap"]),
        ),
        (
            "migration",
            "Movement since the previous as-of date",
            figure(
                "migration",
                built.get("migration"),
                "Only one as-of date is built: migration needs two (`make history`).",
            ),
        ),
        ("stability", "Stability", stability_section(views)),
        ("rfm", "RFM", figure("rfm_grid", built["rfm_grid"])),
        (
            "data-quality",
            "Data quality",
            figure("data_quality", built["data_quality"]) + quality_table(views.quality_reasons),
        ),
        (
            "appendix",
            "Appendix: exploratory analysis and model diagnostics",
            appendix_note
            + figure("monthly_trends", built["monthly_trends"])
            + figure("distributions", built["distributions"])
            + figure("correlations", built["correlations"])
            + figure("k_selection", built["k_selection"])
            + figure("pca", built["pca"]),
        ),
    ]
    body = "".join(
        f'<section id="{key}"><h2>{title}</h2>{content}</section>'
        for key, title, content in sections
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Customer segments as of {views.as_of}</title><style>{STYLE}</style></head>"
        f"<body><h1>Customer segments as of {views.as_of}</h1>"
        f'<p class="subtitle">{views.data_as_of} Generated {generated} from the BI marts.</p>'
        f"{body}</body></html>"
    )


def write_report(database: Path, out_dir: Path) -> Path:
    with marts.connect(database) as connection:
        views = read_views(connection)
        exploration = eda.explore(connection)
    built = build_charts(views, exploration)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "segment_report.html"
    note = unprofiled_note(exploration, views.labels)
    report.write_text(render(views, built, date.today(), note), encoding="utf-8")
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
    parser.add_argument("--out", type=Path, default=Path("reports"))
    args = parser.parse_args(argv)
    report = write_report(args.database, args.out)
    print(f"report: {report}\nPNG exports: {report.parent / 'png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
