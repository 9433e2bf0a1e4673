"""Command line: the benchmark behind BENCHMARKS.md.

For each scale it generates the demo extract, then, in the same invocation and on the same
files, runs `repeats` times each:
- ours: the full `dbt build` for the last month end in a fresh warehouse (wall time, per-model
  times from run_results.json, peak memory of the whole process tree);
- monthly: the build a bank runs every month, timed alone: the same extract in monthly files
  (transactions and balances one file per month), the last month's files held back for a
  first build (untimed), then added, and `dbt build` run again as every month, with no vars
  (the as-of date is the files' last complete month, so dbt parses only what changed);
- baseline: the pandas notebook (bank_segmentation.notebook_baseline), with a time limit;
- floor: DuckDB's single-pass sum of amount per customer over the same transactions, after
  one untimed run that warms the file cache;
- required passes: the cheapest DuckDB query for each pass over the transactions that the
  project's rules require (REQUIRED_PASSES), summed: a lower bound for the feature layer.
It reports medians, ratios to the baseline and to the floor, and writes the Markdown report and
a PNG plot. Progress (scale, system, run, elapsed, estimate) goes to stderr while it runs.

    python -m bank_segmentation.benchmark --scales 10000,100000,1000000 --repeats 3,3,1

A baseline run that runs out of time or memory is not repeated: that is the result at that scale.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import duckdb
import psutil
import yaml

from bank_segmentation.benchmark_floor import (
    REQUIRED_PASSES,
    raw_file,
    run_floor,
    run_required_passes,
)
from bank_segmentation.benchmark_process import Progress, Run, memory_cap, run_measured
from bank_segmentation.benchmark_report import write_outputs
from bank_segmentation.demo_data.delivery import last_month_files, write_monthly_parquet
from bank_segmentation.demo_data.generator import DemoConfig, generate
from bank_segmentation.notebook_baseline import OUT_OF_MEMORY
from bank_segmentation.publication import published_snapshot_path

PROJECT_DIR = Path(__file__).resolve().parents[1]
FEATURE_LAYER_PREFIXES = (
    "model.bank_segmentation.base_core_banking__",
    "model.bank_segmentation.int_",
)
# The on-run-end hook that publishes the BI snapshot (macro publish_for_bi), by its position.
PUBLISH_HOOK = "operation.bank_segmentation.bank_segmentation-on-run-end-{}".format(
    next(
        index
        for index, hook in enumerate(
            yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["on-run-end"]
        )
        if "publish_for_bi" in hook
    )
)
# The notebook baseline may take this share of the machine's memory (address space) at most.
BASELINE_MEMORY_SHARE = 0.8


def dbt_build(raw: Path, database: Path, as_of: date | None, workdir: Path, timeout: float) -> Run:
    """`dbt build` for one as-of date (None: the files' last complete month) on a warehouse
    file; per-node times and where the time went included.

    One target folder per warehouse, as in a project that builds one warehouse: dbt re-parses
    the project in full when the profile or the vars changed since the last parse in that
    folder, and only what changed otherwise (partial parsing).
    """
    target = workdir / f"target_{database.stem}"
    env = {
        **os.environ,
        "BANKSEG_RAW_DATA_PATH": str(raw),
        "BANKSEG_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
    }
    dbt = str(Path(sys.executable).parent / "dbt")
    command = [
        dbt,
        "build",
        # unit tests check the SQL on fixed fixtures, not the data: dbt's advice is to run
        # them in development and CI (make test does), not in every production build
        "--exclude-resource-type",
        "unit_test",
        *(["--vars", f"{{as_of_date: '{as_of.isoformat()}'}}"] if as_of else []),
        "--target-path",
        str(target),
        "--log-path",
        str(workdir / "logs"),
    ]
    run = run_measured(command, env, timeout)
    results = json.loads((target / "run_results.json").read_text())
    run.model_seconds = {r["unique_id"]: r["execution_time"] for r in results["results"]}
    run.phase_seconds = time_spent(run.seconds, results)
    return run


def time_spent(wall_seconds: float, run_results: dict) -> dict[str, float]:
    """Where a build's time went: outside the node runs (start-up, parse, artifacts: wall
    time minus run_results' elapsed time), and the node times summed by kind (over the
    threads, so they add up to more than the elapsed time), the fit on its own."""
    nodes = run_results["results"]
    summed = {
        kind: sum(r["execution_time"] for r in nodes if r["unique_id"].startswith(f"{kind}."))
        for kind in ("model", "test", "seed")
    }
    return {
        "start_parse_write": wall_seconds - run_results["elapsed_time"],
        "nodes_elapsed": run_results["elapsed_time"],
        "models_summed": summed["model"],
        "tests_summed": summed["test"],
        "seeds_summed": summed["seed"],
        "segmentation_model": sum(
            r["execution_time"] for r in nodes if r["unique_id"].endswith(".segmentation_model")
        ),
        "publish": sum(r["execution_time"] for r in nodes if r["unique_id"] == PUBLISH_HOOK),
        "nodes": len(nodes),
    }


def fresh_warehouse(workdir: Path, name: str) -> Path:
    database = workdir / name
    for stale in (database, database.with_name(name + ".wal")):
        stale.unlink(missing_ok=True)
    return database


def run_ours(raw: Path, as_of: date, workdir: Path, timeout: float) -> Run:
    return dbt_build(raw, fresh_warehouse(workdir, "bench.duckdb"), as_of, workdir, timeout)


def run_monthly(raw: Path, workdir: Path, timeout: float) -> Run:
    """The month's build: on the warehouse built (not timed) while the last month's files were
    held back, once they arrived; no vars, as a scheduled monthly build runs."""
    monthly_raw = workdir / f"{raw.name}_monthly_files"
    if not monthly_raw.exists():
        write_monthly_parquet(raw, monthly_raw)
    database = fresh_warehouse(workdir, "monthly.duckdb")
    held_back = workdir / "held_back"
    held_back.mkdir(exist_ok=True)
    arriving = {path: held_back / path.name for path in last_month_files(monthly_raw)}
    for path, aside in arriving.items():
        path.rename(aside)
    try:
        previous = dbt_build(monthly_raw, database, None, workdir, timeout)
    finally:
        for path, aside in arriving.items():
            aside.rename(path)
    if previous.returncode != 0:
        raise RuntimeError("dbt build for the month before failed")
    return dbt_build(monthly_raw, database, None, workdir, timeout)


def run_baseline(raw: Path, timeout: float) -> Run:
    command = [sys.executable, "-m", "bank_segmentation.notebook_baseline", "--raw", str(raw)]
    limit = int(psutil.virtual_memory().total * BASELINE_MEMORY_SHARE)
    return run_measured(command, dict(os.environ), timeout, memory_cap(limit))


def feature_layer_seconds(run: Run) -> float:
    return sum(s for uid, s in run.model_seconds.items() if uid.startswith(FEATURE_LAYER_PREFIXES))


def median_phases(runs: list[Run]) -> dict[str, float]:
    return {
        phase: median([r.phase_seconds[phase] for r in runs]) for phase in runs[0].phase_seconds
    }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def month_end(first_day: date) -> date:
    return (first_day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def last_month_end(config: DemoConfig) -> date:
    """The last day of the extract's last month."""
    first_day = config.start_date.replace(day=1)
    months = first_day.month - 1 + config.months - 1
    return month_end(first_day.replace(year=first_day.year + months // 12, month=months % 12 + 1))


def describe_baseline(runs: list[Run]) -> str:
    if any(r.returncode == -999 for r in runs):
        return f"ran out of time (stopped after {runs[-1].seconds:.0f} s)"
    if any(r.returncode in (-9, 137, OUT_OF_MEMORY) for r in runs):
        return f"ran out of memory (killed at {runs[-1].peak_bytes / 2**30:.1f} GiB)"
    if any(r.returncode != 0 for r in runs):
        return f"failed (exit {runs[0].returncode})"
    return "ok"


def demo_extract(
    customers: int, months: int, workdir: Path, progress: Progress
) -> tuple[Path, date, int]:
    """The demo extract of a scale in workdir (generated unless already there), its last month
    end and its transactions."""
    config = DemoConfig(customers=customers, months=months)
    raw = workdir / f"raw_{customers}"
    if not (raw / "customers.parquet").exists():
        with progress.step("generate", f"{customers:,} customers: generating the demo extract"):
            counts = generate(config, raw, show_progress=False)
        return raw, last_month_end(config), int(counts["transactions"])
    with duckdb.connect() as connection:
        transactions = connection.sql(
            f"select count(*) from {raw_file(raw, 'transactions')}"
        ).fetchall()[0][0]
    return raw, last_month_end(config), int(transactions)


def benchmark_scale(
    customers: int,
    months: int,
    repeats: int,
    workdir: Path,
    baseline_timeout: float,
    ours_timeout: float,
    progress: Progress,
) -> dict:
    scale = f"{customers:,} customers"
    raw, as_of, transactions = demo_extract(customers, months, workdir, progress)
    ours, monthly = [], []
    for run in range(1, repeats + 1):
        with progress.step(f"ours {customers}", f"{scale}: full dbt build, run {run}/{repeats}"):
            ours.append(run_ours(raw, as_of, workdir, ours_timeout))
        if ours[-1].returncode != 0:
            raise RuntimeError(f"dbt build failed at {customers} customers")
        label = f"{scale}: monthly build (the month before built first), run {run}/{repeats}"
        with progress.step(f"monthly {customers}", label):
            monthly.append(run_monthly(raw, workdir, ours_timeout))
        if monthly[-1].returncode != 0:
            raise RuntimeError(f"monthly dbt build failed at {customers} customers")
    baseline = []
    for run in range(1, repeats + 1):
        label = f"{scale}: pandas notebook baseline, run {run}/{repeats}"
        with progress.step(f"baseline {customers}", label):
            baseline.append(run_baseline(raw, baseline_timeout))
        if baseline[-1].returncode != 0:
            break
    with progress.step(f"floor {customers}", f"{scale}: DuckDB floor x{repeats}"):
        # one untimed run first: a notebook run that ran out of memory leaves the file cache
        # cold, and a floor read from disk would flatter every ratio to it
        run_floor(raw)
        floors = [run_floor(raw) for _ in range(repeats)]
    with progress.step(f"passes {customers}", f"{scale}: required passes x{repeats}"):
        passes = [run_required_passes(raw) for _ in range(repeats)]
    warehouse = workdir / "bench.duckdb"  # what the last full build wrote and published
    baseline_ok = describe_baseline(baseline) == "ok"
    models = sorted(ours[0].model_seconds, key=lambda m: -ours[0].model_seconds[m])[:5]
    return {
        "customers": customers,
        "runs": repeats,
        "as_of_date": as_of.isoformat(),
        "transactions": transactions,
        "ours_seconds": median([r.seconds for r in ours]),
        "ours_peak_gib": median([r.peak_bytes for r in ours]) / 2**30,
        "monthly_seconds": median([r.seconds for r in monthly]),
        "monthly_peak_gib": median([r.peak_bytes for r in monthly]) / 2**30,
        "feature_layer_seconds": median([feature_layer_seconds(r) for r in ours]),
        "monthly_feature_layer_seconds": median([feature_layer_seconds(r) for r in monthly]),
        "floor_seconds": median(floors),
        "required_passes_seconds": {
            name: median([p[name] for p in passes]) for name in REQUIRED_PASSES
        },
        "baseline_status": describe_baseline(baseline),
        "baseline_seconds": median([r.seconds for r in baseline]) if baseline_ok else None,
        "baseline_peak_gib": (
            median([r.peak_bytes for r in baseline]) / 2**30 if baseline_ok else None
        ),
        "warehouse_mib": warehouse.stat().st_size / 2**20,
        "snapshot_mib": published_snapshot_path(warehouse).stat().st_size / 2**20,
        "full_build_time_spent": median_phases(ours),
        "monthly_build_time_spent": median_phases(monthly),
        "slowest_models": {
            m.split(".")[2]: median([r.model_seconds.get(m, 0) for r in ours]) for m in models
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--scales", default="10000,100000,1000000", help="customers per scale, comma-separated"
    )
    parser.add_argument("--months", type=int, default=6, help="months of demo data per scale")
    parser.add_argument(
        "--repeats", default="3", help="runs per scale: one number, or one per scale (3,3,1)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="folder for the extracts, warehouses and results.json (a new temporary folder "
        "when not given; extracts already there are reused)",
    )
    parser.add_argument(
        "--report", type=Path, default=PROJECT_DIR / "BENCHMARKS.md", help="Markdown report"
    )
    parser.add_argument(
        "--plot", type=Path, default=PROJECT_DIR / "benchmarks.png", help="PNG plot"
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=1800,
        help="seconds before a pandas notebook run is stopped (and not repeated)",
    )
    parser.add_argument(
        "--ours-timeout", type=float, default=3600, help="seconds before a dbt build is stopped"
    )
    parser.add_argument(
        "--render-only",
        type=Path,
        help="re-write the report and plot from a results.json of an earlier run",
    )
    args = parser.parse_args(argv)
    if args.render_only:
        saved = json.loads(args.render_only.read_text())
        return write_outputs(saved, args.report, args.plot)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bankseg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]
    repeats = [int(r) for r in args.repeats.split(",")]
    if len(repeats) == 1:
        repeats *= len(scales)
    if len(repeats) != len(scales):
        parser.error("--repeats: give one number or one per scale")
    progress = Progress()
    results = []
    for customers, runs in zip(scales, repeats, strict=True):
        result = benchmark_scale(
            customers,
            args.months,
            runs,
            workdir,
            args.baseline_timeout,
            args.ours_timeout,
            progress,
        )
        print(json.dumps(result), flush=True)
        results.append(result)
    command = ("python -m bank_segmentation.benchmark " + " ".join(argv or sys.argv[1:])).strip()
    saved = {"command": command, "date": date.today().isoformat(), "results": results}
    (workdir / "results.json").write_text(json.dumps(saved))
    return write_outputs(saved, args.report, args.plot)


if __name__ == "__main__":
    raise SystemExit(main())
