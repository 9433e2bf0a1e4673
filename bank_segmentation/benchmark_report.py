"""The benchmark's outputs: the Markdown report (BENCHMARKS.md, its hand-written part kept)
and the PNG plot, from the results bank_segmentation.benchmark measured (or saved)."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path

import psutil

NOTES_MARKER = (
    "<!-- Hand-written below this line; make bench keeps it when it rewrites the file. -->"
)


def kept_notes(report_path: Path) -> str:
    """The hand-written part of an existing report (the profile and what was done about it)."""
    if not report_path.exists():
        return ""
    text = report_path.read_text()
    return text[text.index(NOTES_MARKER) :] if NOTES_MARKER in text else ""


def write_outputs(saved: dict, report_path: Path, plot_path: Path) -> int:
    text = report(saved["results"], saved["command"], saved["date"])
    notes = kept_notes(report_path)
    report_path.write_text(text + ("\n" + notes if notes else ""))
    plot(saved["results"], plot_path)
    print(text)
    return 0


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
        "Full build: `dbt build --exclude-resource-type unit_test` (every model, seed and data "
        "test; the unit tests run in CI) for the last month end in a fresh warehouse. Monthly "
        "build: the build a bank schedules every month, on the same extract delivered in "
        "monthly files (transactions and balances): built once without the last month's files, "
        "then timed when they have arrived, with no vars (the as-of date is the files' last "
        "complete month; the month-incremental path, and in auto mode the stored model scores "
        "unless the data asks for a retrain). Floor: one DuckDB group-by of the transactions "
        "per customer. Required passes: the cheapest DuckDB query for each pass over the "
        "transactions the project's rules require (duplicate keys, a running end-of-day balance"
        " per account, the account-month grain), summed: a lower bound for the feature layer. "
        "Feature layer: the base_* and int_* models. Each warehouse keeps its own dbt target "
        "folder, as a project does: dbt parses the project in full on the first run and "
        "whenever the vars change, and partially (only what changed) otherwise.",
        "",
        "| customers | transactions | runs | full build (s) | tx/s | peak memory (GiB) "
        "| baseline (s) | baseline peak (GiB) "
        "| speed-up: baseline time / ours (>1 = we are faster) "
        "| memory: ours / baseline (<1 = we use less) "
        "| feature layer (s) | floor (s) | feature layer / floor | full build / floor "
        "| monthly build (s) | monthly / full build "
        "| required passes (s) | required passes / floor | feature layer / required passes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        passes = sum(r["required_passes_seconds"].values())
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
            f"{r['feature_layer_seconds'] / r['floor_seconds']:.1f}x | "
            f"{r['ours_seconds'] / r['floor_seconds']:.1f}x | "
            f"{r['monthly_seconds']:.1f} | {r['monthly_seconds'] / r['ours_seconds']:.2f} | "
            f"{passes:.2f} | {passes / r['floor_seconds']:.1f}x | "
            f"{r['feature_layer_seconds'] / passes:.1f}x |"
        )
    lines += [
        "",
        "Where the time goes (median seconds): outside the node runs (start-up, parse, "
        "artifacts) and the node runs' elapsed time add up to the wall time; models, tests and "
        "seeds are summed over the threads; the fit is segmentation_model (in a monthly "
        "build that scores, it only reads the decision).",
        "",
        "| customers | build | wall | start-up, parse, artifacts | node runs | nodes "
        "| models (summed) | tests (summed) | seeds (summed) | segmentation_model |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for build, wall in (("full", r["ours_seconds"]), ("monthly", r["monthly_seconds"])):
            spent = r.get(f"{build}_build_time_spent")
            if spent:
                lines.append(
                    f"| {r['customers']:,} | {build} | {wall:.1f} | "
                    f"{spent['start_parse_write']:.1f} | {spent['nodes_elapsed']:.1f} | "
                    f"{spent['nodes']:.0f} | {spent['models_summed']:.1f} | "
                    f"{spent['tests_summed']:.1f} | {spent['seeds_summed']:.1f} | "
                    f"{spent['segmentation_model']:.1f} |"
                )
    lines += [
        "",
        "Publishing (docs/publishing.md): the on-run-end hook that copies the BI marts into the "
        "snapshot BI tools read and renames it over the last one (median seconds), and the "
        "files on disk after the last full build.",
        "",
        "| customers | publish, full build (s) | share of the full build "
        "| publish, monthly build (s) | share of the monthly build "
        "| snapshot (MiB) | working warehouse (MiB) | snapshot / warehouse |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        full, monthly = r["full_build_time_spent"], r["monthly_build_time_spent"]
        if "publish" in full and "snapshot_mib" in r:
            lines.append(
                f"| {r['customers']:,} | {full['publish']:.2f} | "
                f"{full['publish'] / r['ours_seconds']:.1%} | {monthly['publish']:.2f} | "
                f"{monthly['publish'] / r['monthly_seconds']:.1%} | {r['snapshot_mib']:.0f} | "
                f"{r['warehouse_mib']:.0f} | {r['snapshot_mib'] / r['warehouse_mib']:.2f} |"
            )
    lines += ["", "Slowest models of the full build (median seconds):", ""]
    for r in results:
        slowest = ", ".join(f"{name} {s:.1f}" for name, s in r["slowest_models"].items())
        lines.append(f"- {r['customers']:,} customers: {slowest}")
    lines += ["", "Required passes, each alone (median seconds):", ""]
    for r in results:
        each = ", ".join(f"{name} {s:.2f}" for name, s in r["required_passes_seconds"].items())
        lines.append(f"- {r['customers']:,} customers: {each}")
    return "\n".join(lines) + "\n"


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    customers = [r["customers"] for r in results]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(customers, [r["ours_seconds"] for r in results], "o-", label="full dbt build")
    left.plot(customers, [r["monthly_seconds"] for r in results], "^-", label="monthly build")
    right.plot(customers, [r["ours_peak_gib"] for r in results], "o-", label="full dbt build")
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
