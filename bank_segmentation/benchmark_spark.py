"""Command line: the build on a Spark cluster beside the DuckDB build (BENCHMARKS.md).

For each scale, on the demo extract `make bench` uses (generated into the workdir, or reused):
- the full DuckDB build (the dbt Python model fits), timed as `make bench` times it;
- the local Spark cluster (bank_segmentation.spark_cluster: a standalone master, two workers of
  one core and 2 GiB each, the Thrift server) started, timed;
- the same build through thrift with its own fit on the driver (bank_segmentation.driver_fit),
  timed, and where the time went: parse, the build up to the fit sample, the fit, the rest,
  and the time of a node (median) on each engine;
- every mart and the registry compared with the DuckDB build's; the cluster stopped.

    python -m bank_segmentation.benchmark_spark --scales 10000,100000 --workdir bench

Unit tests are left out of both builds, as in `make bench`. It prints a Markdown table and
writes spark_results.json into the workdir.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bank_segmentation.benchmark import PROJECT_DIR, demo_extract, run_ours
from bank_segmentation.benchmark_process import Progress, run_measured
from bank_segmentation.driver_fit import TIMINGS_FILE
from bank_segmentation.engine_comparison import compare_builds, compared_tables
from bank_segmentation.spark_cluster import Cluster, down, up

BUILD_OPTIONS = ["--exclude-resource-type", "unit_test"]


def median_node_seconds(node_seconds: dict[str, float], kind: str) -> float:
    times = [seconds for node, seconds in node_seconds.items() if node.startswith(f"{kind}.")]
    return statistics.median(times) if times else 0.0


def spark_build(raw: Path, as_of: date, cluster: Cluster, workdir: Path, timeout: float) -> dict:
    """The driver-fit build through the cluster's Thrift server, timed, with its steps."""
    name = f"spark_{raw.name}"
    exchange, target = workdir / f"{name}_exchange", workdir / f"{name}_target"
    env = {
        **os.environ,
        "BANKSEG_TARGET": "spark_cluster",
        "BANKSEG_SPARK_PORT": str(cluster.thrift_port),
        "BANKSEG_RAW_DATA_PATH": str(raw),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("BANKSEG_SEGMENTATION_MODEL_PATH", None)
    command = [
        sys.executable,
        "-m",
        "bank_segmentation.driver_fit",
        *("--exchange", str(exchange), "--vars", f"{{as_of_date: '{as_of.isoformat()}'}}"),
        *("--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)),
        *("--target-path", str(target), "--log-path", str(workdir / "logs")),
        "--",
        *BUILD_OPTIONS,
    ]
    run = run_measured(command, env, timeout)
    if run.returncode != 0:
        raise RuntimeError(f"the build through the Spark cluster failed ({workdir / 'logs'})")
    steps = {step["step"]: step for step in json.loads((exchange / TIMINGS_FILE).read_text())}
    nodes = {**steps["segmentation_fit_inputs"]["node_seconds"]}
    nodes.update(steps["after_segmentation_fit"]["node_seconds"])
    manifest = json.loads((target / "manifest.json").read_text())
    return {
        "seconds": run.seconds,
        "steps": {name: step["seconds"] for name, step in steps.items()},
        "nodes": len(nodes),
        "node_seconds_summed": sum(nodes.values()),
        "median_model_seconds": median_node_seconds(nodes, "model"),
        "median_test_seconds": median_node_seconds(nodes, "test"),
        "compared_tables": compared_tables(manifest),
    }


def benchmark_scale(customers: int, months: int, workdir: Path, timeout: float) -> dict:
    progress = Progress()
    scale = f"{customers:,} customers"
    raw, as_of, transactions = demo_extract(customers, months, workdir, progress)
    with progress.step(f"duckdb {customers}", f"{scale}: full DuckDB build"):
        duckdb_run = run_ours(raw, as_of, workdir, timeout)
    if duckdb_run.returncode != 0:
        raise RuntimeError(f"the DuckDB build failed at {scale}")
    cluster = Cluster(home=workdir / f"spark_cluster_{customers}")
    started = time.perf_counter()
    with progress.step(f"cluster up {customers}", f"{scale}: starting the Spark cluster"):
        up(cluster)
    up_seconds = time.perf_counter() - started
    try:
        with progress.step(f"spark {customers}", f"{scale}: build through thrift, fit on driver"):
            spark = spark_build(raw, as_of, cluster, workdir, timeout)
    finally:
        left = down(cluster)
    comparisons = compare_builds(
        workdir / "bench.duckdb",
        cluster.warehouse / "bank_segmentation.db",
        spark.pop("compared_tables"),
    )
    phases = duckdb_run.phase_seconds
    return {
        "customers": customers,
        "transactions": transactions,
        "as_of_date": as_of.isoformat(),
        "duckdb_seconds": duckdb_run.seconds,
        "duckdb_nodes": phases["nodes"],
        "duckdb_median_model_seconds": median_node_seconds(duckdb_run.model_seconds, "model"),
        "duckdb_median_test_seconds": median_node_seconds(duckdb_run.model_seconds, "test"),
        "cluster_up_seconds": up_seconds,
        "spark": spark,
        "spark_to_duckdb": spark["seconds"] / duckdb_run.seconds,
        "tables_same": sum(c.agrees for c in comparisons),
        "tables_different": [c.table for c in comparisons if not c.agrees],
        "processes_left_after_down": len(left),
    }


def markdown(results: list[dict]) -> str:
    lines = [
        "| customers | DuckDB build | cluster start | Spark build (fit on driver) | Spark / DuckDB "
        "| parse / up to the sample / fit / rest | median node, DuckDB vs Spark (model; test) "
        "| tables same |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        spark, steps = r["spark"], r["spark"]["steps"]
        lines.append(
            f"| {r['customers']:,} | {r['duckdb_seconds']:.1f} s | {r['cluster_up_seconds']:.1f} s "
            f"| {spark['seconds']:.1f} s ({spark['nodes']} nodes) | {r['spark_to_duckdb']:.1f}x "
            f"| {steps['parse']:.1f} / {steps['segmentation_fit_inputs']:.1f} / "
            f"{steps['fit']:.1f} / {steps['after_segmentation_fit']:.1f} s "
            f"| {r['duckdb_median_model_seconds']:.2f} vs {spark['median_model_seconds']:.2f} s; "
            f"{r['duckdb_median_test_seconds']:.2f} vs {spark['median_test_seconds']:.2f} s "
            f"| {r['tables_same']} of {r['tables_same'] + len(r['tables_different'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--scales", default="10000,100000", help="customers, comma-separated")
    parser.add_argument("--months", type=int, default=6, help="months of demo data per scale")
    parser.add_argument("--workdir", type=Path, default=Path("bench"))
    parser.add_argument("--timeout", type=float, default=5400, help="seconds per build")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for customers in (int(s) for s in args.scales.split(",")):
        results.append(benchmark_scale(customers, args.months, workdir, args.timeout))
        print(json.dumps(results[-1]), flush=True)
    arguments = " ".join(sys.argv[1:] if argv is None else argv)
    command = f"python -m bank_segmentation.benchmark_spark {arguments}".strip()
    saved = {"command": command, "date": date.today().isoformat(), "results": results}
    (workdir / "spark_results.json").write_text(json.dumps(saved))
    print(markdown(results))
    return 0 if all(not r["tables_different"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
