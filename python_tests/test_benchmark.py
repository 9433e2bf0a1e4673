"""A tiny run of the benchmark, so its code cannot rot (the real run is `make bench`)."""

from __future__ import annotations

import json

from bank_segmentation.benchmark import REQUIRED_PASSES, main
from bank_segmentation.benchmark_report import NOTES_MARKER


def table_row(report: str, customers: str) -> dict[str, str]:
    """The results table's row for a scale, by column name."""
    lines = report.splitlines()
    header = next(line for line in lines if line.startswith("| customers |"))
    row = next(line for line in lines if line.startswith(f"| {customers} |"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    return dict(zip(names, cells, strict=True))


def test_benchmark_smoke_run_writes_report_and_plot(tmp_path):
    report, plot = tmp_path / "BENCHMARKS.md", tmp_path / "benchmarks.png"
    main(
        [
            "--scales",
            "300",
            "--months",
            "2",
            "--repeats",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--report",
            str(report),
            "--plot",
            str(plot),
        ]
    )
    text = report.read_text()
    row = table_row(text, "300")
    assert int(row["transactions"].replace(",", "")) > 0  # generated and counted
    assert row["runs"] == "1"
    assert float(row["full build (s)"]) > 0 and float(row["peak memory (GiB)"]) > 0
    # the baseline ran, or ran out of time or memory: a baseline that failed fails the test
    baseline = row["baseline (s)"]
    assert baseline.replace(".", "", 1).isdigit() or baseline.startswith("ran out"), baseline
    assert float(row["monthly build (s)"]) > 0  # the monthly build, timed on its own
    assert 0 < float(row["monthly / full build"]) < 5
    # where the time went, for each build: the two parts add up to the wall time
    spent = next(line for line in text.splitlines() if line.startswith("| 300 | monthly |"))
    wall, outside, runs = (float(cell) for cell in spent.strip("|").split("|")[2:5])
    assert outside > 0 and runs > 0 and abs(outside + runs - wall) < 0.2
    # the required passes: each measured, their sum reported
    saved = json.loads((tmp_path / "work" / "results.json").read_text())
    passes = saved["results"][0]["required_passes_seconds"]
    assert set(passes) == set(REQUIRED_PASSES) and all(s > 0 for s in passes.values())
    assert row["required passes (s)"] == f"{sum(passes.values()):.2f}"
    # publishing: the hook's time in both builds and the snapshot on disk, smaller than the
    # warehouse it was copied from
    result = saved["results"][0]
    assert result["full_build_time_spent"]["publish"] > 0
    assert result["monthly_build_time_spent"]["publish"] > 0
    assert 0 < result["snapshot_mib"] < result["warehouse_mib"]
    publishing = text.split("| customers | publish, full build (s)")[1].splitlines()[2]
    assert publishing.startswith(f"| 300 | {result['full_build_time_spent']['publish']:.2f} |")
    assert "- 300 customers: duplicate keys " in text
    assert plot.stat().st_size > 10_000
    # the report can be re-rendered from the run's saved results, identically
    rendered = tmp_path / "again.md"
    main(
        [
            "--render-only",
            str(tmp_path / "work" / "results.json"),
            "--report",
            str(rendered),
            "--plot",
            str(tmp_path / "again.png"),
        ]
    )
    assert rendered.read_text() == text
    # the hand-written part of the report survives a rewrite
    notes = f"{NOTES_MARKER}\n\n## Profile\n\nBefore and after.\n"
    rendered.write_text(text + "\n" + notes)
    main(
        [
            "--render-only",
            str(tmp_path / "work" / "results.json"),
            "--report",
            str(rendered),
            "--plot",
            str(tmp_path / "again.png"),
        ]
    )
    assert rendered.read_text() == text + "\n" + notes
