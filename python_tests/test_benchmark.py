"""A tiny run of the benchmark, so its code cannot rot (the real run is `make bench`)."""

from __future__ import annotations

import json

from bank_segmentation.benchmark import NOTES_MARKER, REQUIRED_PASSES, main


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
    row = next(line for line in text.splitlines() if line.startswith("| 300 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert int(cells[1].replace(",", "")) > 0  # transactions generated and counted
    assert cells[2] == "1"  # runs at this scale
    assert float(cells[3]) > 0 and float(cells[5]) > 0  # our wall time and peak memory
    baseline = cells[6]  # the baseline's seconds, or why it has none
    assert baseline.replace(".", "", 1).isdigit() or baseline.startswith(("ran out", "failed"))
    assert float(cells[14]) > 0  # the monthly build, timed on its own
    assert 0 < float(cells[15]) < 5  # monthly / full build
    # the required passes: each measured, their sum reported
    saved = json.loads((tmp_path / "work" / "results.json").read_text())
    passes = saved["results"][0]["required_passes_seconds"]
    assert set(passes) == set(REQUIRED_PASSES) and all(s > 0 for s in passes.values())
    assert cells[16] == f"{sum(passes.values()):.2f}"
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
