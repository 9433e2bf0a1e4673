"""What `make superset-check` asserts: every chart's query returns rows through Superset's API,
and the dashboard draws every chart in Chromium (a canvas or table rows, no error)."""

from __future__ import annotations

from pathlib import Path

from bank_segmentation.browser import browser_page, save_screenshot
from bank_segmentation.superset.api import Superset
from bank_segmentation.superset.dashboard import CHARTS

DRAW_TIMEOUT_MS = 60_000
# Drawn: an ECharts canvas, or a table with a data row.
DRAWN = "canvas, svg, table tbody tr"


class DashboardCheckError(AssertionError):
    pass


def check_chart_data(client: Superset, chart_ids: dict[str, int]) -> list[str]:
    lines = []
    for name, chart_id in chart_ids.items():
        results = client.chart_data(chart_id)["result"]
        rows = sum(result["rowcount"] for result in results)
        errors = [result["error"] for result in results if result.get("error")]
        if errors or rows == 0:
            raise DashboardCheckError(
                f"Superset chart {name!r} (id {chart_id}) returned {rows} rows: {errors}"
            )
        lines.append(f"Chart {name!r}: {rows} rows")
    return lines


def check_dashboard_in_browser(
    base_url: str, dashboard_url: str, username: str, password: str, screenshot: Path
) -> Path:
    with browser_page(1600, 1200) as (page, _console_errors):
        page.goto(f"{base_url}/login/")
        page.fill("[data-test=username-input]", username)
        page.fill("[data-test=password-input]", password)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url, timeout=DRAW_TIMEOUT_MS)
        page.goto(dashboard_url)
        holders = page.locator("[data-test=chart-container]")
        holders.nth(len(CHARTS) - 1).wait_for(timeout=DRAW_TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        for index in range(holders.count()):
            holder = holders.nth(index)
            holder.locator(DRAWN).first.wait_for(timeout=DRAW_TIMEOUT_MS)
        errors = page.locator("[data-test=chart-container] [role=alert]")
        if holders.count() != len(CHARTS) or errors.count():
            texts = [errors.nth(i).inner_text() for i in range(errors.count())]
            raise DashboardCheckError(
                f"{dashboard_url}: {holders.count()} of {len(CHARTS)} charts drawn; errors: {texts}"
            )
        return save_screenshot(page, screenshot.name, screenshot.parent)
