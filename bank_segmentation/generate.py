"""Command line: write the demo core-banking extract.

python -m bank_segmentation.generate --customers 10000 --months 6 --seed 42 --out data/raw/demo
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from bank_segmentation.demo_data.generator import DemoConfig, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=DemoConfig.customers)
    parser.add_argument("--months", type=int, default=DemoConfig.months)
    parser.add_argument("--seed", type=int, default=DemoConfig.seed)
    parser.add_argument("--start-date", type=date.fromisoformat, default=DemoConfig.start_date)
    parser.add_argument("--out", type=Path, required=True, help="folder for <table>.parquet")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    config = DemoConfig(
        customers=args.customers, months=args.months, seed=args.seed, start_date=args.start_date
    )
    started = time.perf_counter()
    counts = generate(config, args.out, show_progress=not args.quiet)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{table} {rows:,}" for table, rows in counts.items())
    print(f"wrote {args.out}: {summary} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
