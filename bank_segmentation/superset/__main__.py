"""`make superset`, `make superset-down` and `make superset-check`:

    python -m bank_segmentation.superset up --snapshot warehouse/x.published.duckdb
    python -m bank_segmentation.superset check --snapshot ... --screenshot artifacts/superset.png
    python -m bank_segmentation.superset down

`up` installs nothing (make does): it creates Superset's metadata once, starts it on
127.0.0.1 unless it runs, provisions the dashboard against the snapshot and prints the URL.
`check` does the same, then asks Superset for every chart's data, opens the dashboard in
Chromium (rows drawn, no chart error) and saves a screenshot; it stops Superset if it started it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bank_segmentation.superset.api import Superset
from bank_segmentation.superset.checks import check_chart_data, check_dashboard_in_browser
from bank_segmentation.superset.provision import provision
from bank_segmentation.superset.server import ADMIN, LocalSuperset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bank_segmentation.superset")
    parser.add_argument("command", choices=("up", "down", "check"))
    parser.add_argument("--snapshot", type=Path, help="the published DuckDB snapshot")
    parser.add_argument("--venv", type=Path, default=Path(".superset-venv"))
    parser.add_argument("--home", type=Path, default=Path(".superset"))
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--screenshot", type=Path, default=Path("artifacts/superset_dashboard.png"))
    args = parser.parse_args(argv)
    local = LocalSuperset(args.venv, args.home, args.port)

    if args.command == "down":
        local.stop()
        print(f"Superset on {local.url} stopped.")
        return 0
    if args.snapshot is None or not args.snapshot.exists():
        parser.error(f"no published snapshot {args.snapshot}: run `make build` first")

    local.initialise()
    started = local.start()
    try:
        client = Superset(local.url, ADMIN, local.password())
        provisioned = provision(client, args.snapshot)
        dashboard_url = local.url + provisioned.dashboard_path
        if args.command == "up":
            print(f"Superset serves the segment dashboard of {args.snapshot}:")
            print(f"  {dashboard_url}  (user {ADMIN}, password in {local.password_file})")
            print("  `make superset-down` stops it.")
            return 0
        for line in check_chart_data(client, provisioned.chart_ids):
            print(line)
        screenshot = check_dashboard_in_browser(
            local.url, dashboard_url, ADMIN, local.password(), args.screenshot
        )
        print(f"Every chart drew its rows in Chromium: {screenshot}")
        return 0
    finally:
        if args.command == "check" and started:
            local.stop()


if __name__ == "__main__":
    sys.exit(main())
