"""The dashboard and the HTML report, opened in headless Chromium on the three-month history
warehouse: no console errors, every chart drawn, and the numbers shown are the marts' numbers.

Over 300 lines on purpose: the report and the dashboard share the one built warehouse and
browser helpers.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bank_segmentation.browser import browser_page, save_screenshot
from bank_segmentation.clustering.verdict import verdict_in_words
from bank_segmentation.presentation import eda
from bank_segmentation.presentation.html_report import PNG_EXPORTS, write_report
from bank_segmentation.presentation.palette import SEGMENT_COLOURS, segment_colours
from bank_segmentation.publication import published_snapshot_path
from python_tests.conftest import HISTORY_AS_OF_DATES
from python_tests.dbt_helpers import PROJECT_DIR

LATEST = HISTORY_AS_OF_DATES[-1]
# Summary and actions first, what explains them next, the model's diagnostics last.
REPORT_SECTIONS = [
    "summary",
    "segments",
    "profiles",
    "migration",
    "stability",
    "rfm",
    "data-quality",
    "appendix",
]
VISIBLE_TEXT = """() => document.body.innerText + ' ' +
    Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join(' ')"""
DASHBOARD_CHARTS = 5  # overview, profile heatmap, migration, RFM grid, data quality
CARD_METRICS = 4  # customers, share, median spend, deposits
REPORT_CHARTS = {
    "monthly_trends",
    "distributions",
    "correlations",
    "k_selection",
    "pca",
    "overview",
    "profile_heatmap",
    "migration",
    "rfm_grid",
    "data_quality",
}


def display_labels(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return dict(connection.execute("select source_name, label from display_formats").fetchall())


def names_with_a_label_shown(database: Path, text: str) -> list[str]:
    """Feature, segment and action names (snake_case) that appear in `text` as they are."""
    with duckdb.connect(str(database), read_only=True) as connection:
        names = connection.execute(
            "select source_name from display_formats union select segment_name from "
            "segment_summary union select action from segment_playbook"
        ).fetchall()
    return sorted(name for (name,) in names if "_" in name and name in text)


def whole(amount: float) -> int:
    """`amount` rounded half away from zero, as the marts round."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def latest_summary(database: Path) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "select segment_name, customers, customer_share, median_spend_per_month_amount, "
            "median_spend_per_month_text, model_verdict, model_verdict_reasons "
            "from segment_summary where as_of_date = ? order by segment_id",
            [LATEST],
        ).df()


@pytest.fixture(scope="session")
def report(history_warehouse, tmp_path_factory) -> Path:
    """The report of the snapshot the last history build published, as `make report` writes."""
    snapshot = published_snapshot_path(history_warehouse.database)
    return write_report(snapshot, tmp_path_factory.mktemp("report"))


def test_report_opens_in_chromium_with_every_chart_and_the_marts_totals(
    report: Path, history_warehouse
):
    database = history_warehouse.database
    summary = latest_summary(database)
    text = report.read_text()
    assert "<script" not in text and "http" not in text.replace("http://www.w3.org", "")
    with browser_page() as (page, errors):
        page.goto(report.as_uri())
        charts = page.eval_on_selector_all(
            "figure.chart",
            "figures => figures.map(f => [f.id, f.querySelectorAll('svg path, svg rect').length])",
        )
        sections = page.eval_on_selector_all("body > section", "s => s.map(e => e.id)")
        visible = page.evaluate(VISIBLE_TEXT)
        rows = page.eval_on_selector_all(
            "#segment-overview tbody tr",
            "rows => rows.map(r => [r.dataset.segment, Number(r.cells[1].dataset.value)])",
        )
        total = page.eval_on_selector(
            "#segment-overview tfoot tr", "r => Number(r.cells[1].dataset.value)"
        )
        cards = page.eval_on_selector_all(
            ".card",
            "cards => cards.map(c => [c.dataset.segment, "
            "Number(c.querySelector('.customers').dataset.value)])",
        )
        plans = page.eval_on_selector_all(
            ".card", "cards => cards.map(c => c.querySelectorAll('li, .no-campaign').length)"
        )
        drift_rows = page.eval_on_selector_all(
            "#feature-drift tbody tr", "rows => rows.map(r => r.dataset.feature)"
        )
        exclusion_rows = page.eval_on_selector_all(
            "#campaign-exclusions tbody tr",
            "rows => rows.map(r => [r.dataset.action, r.dataset.reason, "
            "Number(r.cells[2].dataset.value)])",
        )
        stability = page.inner_text("#stability-summary")
        first_in_summary = page.eval_on_selector("#summary", "s => s.children[1].id")
        verdict = page.inner_text("#model-verdict")
        save_screenshot(page, "segment_report.png")
    assert errors == []
    # the model's verdict in plain words comes first, from the mart
    assert first_in_summary == "model-verdict"
    stored = summary.iloc[0]
    headline = verdict_in_words(stored.model_verdict, json.loads(stored.model_verdict_reasons))
    assert headline.startswith("These segments are") and verdict.startswith(headline)
    assert sections == REPORT_SECTIONS
    assert plans and all(plans), "every segment card has an action or says why it has none"
    assert names_with_a_label_shown(database, visible) == []
    assert "Expected value: what the bank expects to earn over a year" in visible
    assert "No action in the playbook" not in visible
    assert f"Data as of {LATEST}, published " in visible  # read from the published snapshot
    # who the eligibility rules left out of each list, as the mart counts them
    with duckdb.connect(str(database), read_only=True) as connection:
        excluded = connection.execute(
            "select action, exclusion_reason, customers_excluded from campaign_exclusions "
            "where as_of_date = ? and customers_excluded > 0 order by action, exclusion_order",
            [LATEST],
        ).fetchall()
    assert excluded and [tuple(row) for row in exclusion_rows] == excluded
    assert "Marketing consent was not checked" not in visible  # the demo delivers consent
    with duckdb.connect(str(database), read_only=True) as connection:
        latest_drift = connection.execute(
            "select feature, previous_as_of_date from segment_feature_drift where as_of_date = ?",
            [LATEST],
        ).df()
    assert sorted(drift_rows) == sorted(latest_drift.feature)
    previous = latest_drift.previous_as_of_date.iloc[0]
    assert f"Compared with the previous as-of date ({previous:%Y-%m-%d})" in stability
    assert {chart_id.removeprefix("chart-") for chart_id, _ in charts} == REPORT_CHARTS
    assert all(marks > 3 for _, marks in charts), charts
    expected = [
        [name, int(n)] for name, n in zip(summary.segment_name, summary.customers, strict=True)
    ]
    assert rows == expected
    assert sorted(cards) == sorted(expected)
    assert total == summary.customers.sum()
    for name in PNG_EXPORTS:
        png = report.parent / "png" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_dashboard(database: Path) -> Iterator[str]:
    """`make dashboard` on a free localhost port; yields its URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT_DIR / "bank_segmentation" / "presentation" / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--",
            "--database",
            str(database),
        ],
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(server.stdout.read().decode()) from None
            time.sleep(0.5)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def dashboard_url(history_warehouse):
    with serve_dashboard(published_snapshot_path(history_warehouse.database)) as url:
        yield url


def metrics(page) -> list[tuple[str, str]]:
    """Every st.metric on the page, in order, as (label, value)."""
    return page.eval_on_selector_all(
        '[data-testid="stMetric"]',
        """ms => ms.map(m => [
            m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
            m.querySelector('[data-testid="stMetricValue"]').innerText.trim()])""",
    )


def test_dashboard_renders_every_chart_and_a_chosen_segment_shows_its_mart_numbers(
    dashboard_url: str, history_warehouse, tmp_path
):
    database = history_warehouse.database
    summary = latest_summary(database)
    chosen = summary.iloc[1]
    label = display_labels(database)[chosen.segment_name]
    with browser_page(height=3200) as (page, errors):
        page.goto(dashboard_url)
        charts = page.locator('[data-testid="stVegaLiteChart"]')
        charts.nth(DASHBOARD_CHARTS - 1).locator("canvas, svg").first.wait_for(timeout=60_000)
        assert charts.count() == DASHBOARD_CHARTS
        overview = dict(metrics(page))
        verdict = page.get_by_text("These segments are").first.inner_text()
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Segment").click()
        page.get_by_role("option", name=label, exact=True).click()
        page.get_by_text(f"Segment: {label}").wait_for(timeout=30_000)
        page.wait_for_function(
            f"document.querySelectorAll('[data-testid=\"stMetric\"]').length == "
            f"{len(overview) + CARD_METRICS}",
            timeout=30_000,
        )
        card = dict(metrics(page)[len(overview) :])
        for index in range(charts.count()):
            charts.nth(index).locator("canvas, svg").first.wait_for(timeout=30_000)
        stability = page.get_by_text("Compared with the previous as-of date").inner_text()
        downloaded = {}
        for button in ("segment's customers", "campaign lists"):
            with page.expect_download() as download:
                page.get_by_text(f"Download the {button} (CSV)").click()
            downloaded[button] = pd.read_csv(download.value.path())
        visible = page.evaluate(VISIBLE_TEXT)
        save_screenshot(page, "dashboard.png")
    assert errors == []
    assert verdict.startswith(
        verdict_in_words(
            summary.model_verdict.iloc[0], json.loads(summary.model_verdict_reasons.iloc[0])
        )
    )
    assert overview["Customers"] == f"{summary.customers.sum():,}"
    assert card["Customers"] == f"{int(chosen.customers):,}"
    assert card["Share of customers"] == f"{chosen.customer_share:.1%}"
    assert card["Median card spend per month"] == chosen.median_spend_per_month_text
    assert (
        chosen.median_spend_per_month_text == f"{whole(chosen.median_spend_per_month_amount):,} EUR"
    )
    assert "clustering features are stable" in stability
    assert names_with_a_label_shown(database, visible) == []
    assert f"Data as of {LATEST}, published " in visible  # served from the published snapshot
    members, targets = downloaded["segment's customers"], downloaded["campaign lists"]
    assert len(members) == chosen.customers and set(members.segment_name) == {chosen.segment_name}
    with duckdb.connect(str(database), read_only=True) as connection:
        expected = connection.execute(
            "select customer_id, action, rank_in_action from campaign_targets "
            "where segment_name = ? order by action, rank_in_action",
            [chosen.segment_name],
        ).df()
    pd.testing.assert_frame_equal(
        targets[["customer_id", "action", "rank_in_action"]], expected, check_dtype=False
    )


def test_segment_colours_follow_segment_ids_and_stay_put():
    colours = segment_colours([(2, "savers"), (1, "everyday"), (3, "dormant")])
    assert list(colours) == ["everyday", "savers", "dormant"]
    assert colours["savers"] == SEGMENT_COLOURS[1]
    assert segment_colours([(2, "savers"), (1, "everyday")])["savers"] == colours["savers"]


def test_skewed_features_are_shown_on_a_log_scale_and_counted_whole():
    features = pd.DataFrame(
        {"spend": [1.0, 2.0, 3.0, 4.0, 1000.0], "share": [0.1, 0.2, 0.3, 0.4, 0.5]}
    )
    histograms = eda.distributions(features, ("spend", "share"), bins=4)
    assert set(histograms.feature) == {"spend (log10(1 + x))", "share"}
    assert histograms.groupby("feature").customers.sum().eq(5).all()


def test_the_dashboard_during_a_build_says_so_instead_of_failing(history_warehouse, tmp_path):
    """A build holds the warehouse file (here: a writer opened by the test): the page shows a
    plain note, no error and no stack trace."""
    database = tmp_path / "building.duckdb"
    shutil.copy(history_warehouse.database, database)
    with (
        duckdb.connect(str(database)),
        serve_dashboard(database) as url,
        browser_page() as (page, errors),
    ):
        page.goto(url)
        page.get_by_text("A build is running on").wait_for(timeout=60_000)
        text = page.inner_text("body")
        save_screenshot(page, "dashboard_during_a_build.png")
    assert "Traceback" not in text and "Error" not in text
    assert errors == []
