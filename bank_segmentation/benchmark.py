"""Command line: the benchmark behind BENCHMARKS.md.

For each scale it generates the demo extract (6 months), then, in the same invocation and on
the same files, runs `repeats` times each:
- ours: the full `dbt build` in a fresh warehouse (wall time, per-model times from
  run_results.json, peak memory of the whole process tree);
- baseline: the pandas notebook (bank_segmentation.notebook_baseline), with a time limit;
- floor: DuckDB's single-pass sum of amount per customer over the same transactions.
It reports medians, ratios to the baseline, the feature layer as a multiple of the floor, and
writes the Markdown report and a PNG plot.

    python -m bank_segmentation.benchmark --scales 10000,100000,1000000 --repeats 3,3,1

A baseline run that runs out of time or memory is not repeated: that is the result at that scale.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path

import duckdb
import psutil

from bank_segmentation.demo_data.generator import DemoConfig, generate

PROJECT_DIR = Path(__file__).resolve().parents[1]
FEATURE_LAYER_PREFIXES = (
    "model.bank_segmentation.base_core_banking__",
    "model.bank_segmentation.int_",
)


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    returncode: int
    model_seconds: dict[str, float] = field(default_factory=dict)


def run_measured(command: list[str], env: dict[str, str], timeout: float) -> Run:
    """Run a command; poll the peak resident memory of it and all its children."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        if time.perf_counter() - started > timeout:
            for child in root.children(recursive=True):
                child.kill()
            process.kill()
            process.wait()
            return Run(time.perf_counter() - started, peak, -999)
        try:
            members = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in members if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return Run(time.perf_counter() - started, peak, process.returncode)


def run_ours(raw: Path, workdir: Path, timeout: float) -> Run:
    database = workdir / "bench.duckdb"
    database.unlink(missing_ok=True)
    target = workdir / "target"
    env = {
        **os.environ,
        "BANKSEG_RAW_DATA_PATH": str(raw),
        "BANKSEG_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
    }
    dbt = str(Path(sys.executable).parent / "dbt")
    run = run_measured(
        [dbt, "build", "--target-path", str(target), "--log-path", str(workdir / "logs")],
        env,
        timeout,
    )
    results = json.loads((target / "run_results.json").read_text())
    run.model_seconds = {r["unique_id"]: r["execution_time"] for r in results["results"]}
    return run


def run_baseline(raw: Path, timeout: float) -> Run:
    command = [sys.executable, "-m", "bank_segmentation.notebook_baseline", "--raw", str(raw)]
    return run_measured(command, dict(os.environ), timeout)


def run_floor(raw: Path) -> float:
    with duckdb.connect() as connection:
        started = time.perf_counter()
        connection.sql(f"""
            select a.customer_id, sum(t.amount)
            from read_parquet('{raw}/transactions.parquet') as t
            inner join read_parquet('{raw}/accounts.parquet') as a using (account_id)
            group by a.customer_id
        """).fetchall()
        return time.perf_counter() - started


def feature_layer_seconds(run: Run) -> float:
    return sum(s for uid, s in run.model_seconds.items() if uid.startswith(FEATURE_LAYER_PREFIXES))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def describe_baseline(runs: list[Run]) -> str:
    if any(r.returncode == -999 for r in runs):
        return f"ran out of time (stopped after {runs[-1].seconds:.0f} s)"
    if any(r.returncode in (-9, 137) for r in runs):
        return f"ran out of memory (killed at {runs[-1].peak_bytes / 2**30:.1f} GiB)"
    if any(r.returncode != 0 for r in runs):
        return f"failed (exit {runs[0].returncode})"
    return "ok"


def benchmark_scale(
    customers: int,
    months: int,
    repeats: int,
    workdir: Path,
    baseline_timeout: float,
    ours_timeout: float,
) -> dict:
    raw = workdir / f"raw_{customers}"
    if not (raw / "customers.parquet").exists():
        counts = generate(DemoConfig(customers=customers, months=months), raw, show_progress=False)
    else:
        with duckdb.connect() as connection:
            counts = {
                "transactions": connection.sql(
                    f"select count(*) from read_parquet('{raw}/transactions.parquet')"
                ).fetchall()[0][0]
            }
    ours = [run_ours(raw, workdir, ours_timeout) for _ in range(repeats)]
    if any(r.returncode != 0 for r in ours):
        raise RuntimeError(f"dbt build failed at {customers} customers")
    baseline = []
    for _ in range(repeats):
        baseline.append(run_baseline(raw, baseline_timeout))
        if baseline[-1].returncode != 0:
            break
    floors = [run_floor(raw) for _ in range(repeats)]
    baseline_ok = describe_baseline(baseline) == "ok"
    models = sorted(ours[0].model_seconds, key=lambda m: -ours[0].model_seconds[m])[:5]
    return {
        "customers": customers,
        "runs": repeats,
        "transactions": int(counts["transactions"]),
        "ours_seconds": median([r.seconds for r in ours]),
        "ours_peak_gib": median([r.peak_bytes for r in ours]) / 2**30,
        "feature_layer_seconds": median([feature_layer_seconds(r) for r in ours]),
        "floor_seconds": median(floors),
        "baseline_status": describe_baseline(baseline),
        "baseline_seconds": median([r.seconds for r in baseline]) if baseline_ok else None,
        "baseline_peak_gib": (
            median([r.peak_bytes for r in baseline]) / 2**30 if baseline_ok else None
        ),
        "slowest_models": {
            m.split(".")[-1]: median([r.model_seconds.get(m, 0) for r in ours]) for m in models
        },
    }


def report(results: list[dict], command: str, measured_on: str) -> str:
    memory = psutil.virtual_memory().total / 2**30
    lines = [
        "# Benchmarks",
        "",
        f"Measured on {measured_on} with `{command}`: medians over the runs given "
        "per scale (baseline and floor in the same invocation, on the same files).",
        f"Machine: {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}; dbt-core {version('dbt-core')}, dbt-duckdb "
        f"{version('dbt-duckdb')}, DuckDB {version('duckdb')}, pandas {version('pandas')}, "
        f"scikit-learn {version('scikit-learn')}.",
        "",
        "| customers | transactions | runs | dbt build (s) | tx/s | peak memory (GiB) "
        "| baseline (s) "
        "| baseline peak (GiB) | speed-up: baseline time / ours (>1 = we are faster) "
        "| memory: ours / baseline (<1 = we use less) "
        "| feature layer (s) "
        "| floor (s) | feature layer / floor |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        base = r["baseline_seconds"]
        base_mem = r["baseline_peak_gib"]
        lines.append(
            f"| {r['customers']:,} | {r['transactions']:,} | {r['runs']} | "
            f"{r['ours_seconds']:.1f} | "
            f"{r['transactions'] / r['ours_seconds']:,.0f} | {r['ours_peak_gib']:.2f} | "
            + (
                f"{base:.1f} | {base_mem:.2f} | {base / r['ours_seconds']:.2f} | "
                f"{r['ours_peak_gib'] / base_mem:.2f} | "
                if base is not None
                else f"{r['baseline_status']} | - | - | - | "
            )
            + f"{r['feature_layer_seconds']:.1f} | {r['floor_seconds']:.2f} | "
            f"{r['feature_layer_seconds'] / r['floor_seconds']:.1f}x |"
        )
    lines += ["", "Slowest models (median seconds):", ""]
    for r in results:
        slowest = ", ".join(f"{name} {s:.1f}" for name, s in r["slowest_models"].items())
        lines.append(f"- {r['customers']:,} customers: {slowest}")
    return "\n".join(lines) + "\n"


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    customers = [r["customers"] for r in results]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(customers, [r["ours_seconds"] for r in results], "o-", label="dbt build (ours)")
    right.plot(customers, [r["ours_peak_gib"] for r in results], "o-", label="ours")
    done = [r for r in results if r["baseline_seconds"] is not None]
    if done:
        left.plot(
            [r["customers"] for r in done],
            [r["baseline_seconds"] for r in done],
            "s--",
            label="pandas notebook",
        )
        right.plot(
            [r["customers"] for r in done],
            [r["baseline_peak_gib"] for r in done],
            "s--",
            label="pandas notebook",
        )
    for r in results:
        if r["baseline_seconds"] is None:
            left.annotate(
                f"pandas notebook: {r['baseline_status']}",
                (r["customers"], r["ours_seconds"]),
                textcoords="offset points",
                xytext=(-10, -30),
                ha="right",
                fontsize=8,
                color="#D55E00",
            )
    for axis, label in ((left, "wall time (s)"), (right, "peak memory (GiB)")):
        axis.set_xscale("log")
        axis.set_xlabel("customers")
        axis.set_ylabel(label)
        axis.legend()
        axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000,1000000")
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument(
        "--repeats", default="3", help="runs per scale: one number, or one per scale (3,3,1)"
    )
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--report", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    parser.add_argument("--plot", type=Path, default=PROJECT_DIR / "benchmarks.png")
    parser.add_argument("--baseline-timeout", type=float, default=1800)
    parser.add_argument("--ours-timeout", type=float, default=3600)
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
    results = []
    for customers, runs in zip(scales, repeats, strict=True):
        result = benchmark_scale(
            customers, args.months, runs, workdir, args.baseline_timeout, args.ours_timeout
        )
        print(json.dumps(result), flush=True)
        results.append(result)
    command = ("python -m bank_segmentation.benchmark " + " ".join(argv or sys.argv[1:])).strip()
    saved = {"command": command, "date": date.today().isoformat(), "results": results}
    (workdir / "results.json").write_text(json.dumps(saved))
    return write_outputs(saved, args.report, args.plot)


def write_outputs(saved: dict, report_path: Path, plot_path: Path) -> int:
    text = report(saved["results"], saved["command"], saved["date"])
    report_path.write_text(text)
    plot(saved["results"], plot_path)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
