"""Write, audit, publish (docs/publishing.md): BI tools read the snapshot a passing build
publishes, never the warehouse a build writes.

One warehouse goes through what a bank's month brings, while two BI readers run beside it in
their own processes: one connecting per query (as Superset does), one holding its connection
open (a notebook, the DuckDB CLI). The builds: a first month end, a full rebuild of the next,
the following month end killed while it publishes and run again, then a build its own checks
refuse.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bank_segmentation.publication import file_being_written, published_snapshot_path
from bank_segmentation.show import publication_line
from python_tests.conftest import history_vars
from python_tests.dbt_helpers import PROJECT_DIR, run_dbt

BUILD = ["build", "--exclude", "resource_type:unit_test"]
# A fit its own check refuses: no segment may hold less than 90 % of the customers.
REFUSED_FIT = "{as_of_date: '2025-06-30', segmentation_mode: fit, min_segment_share: 0.9}"
DBT = Path(sys.executable).parent / "dbt"
AS_OF_QUERY = "select max(as_of_date)::varchar from publication_manifest"

READER = """
import json, sys, time
from pathlib import Path
import duckdb

snapshot, log, stop, mode = sys.argv[1:]
held = duckdb.connect(snapshot, read_only=True) if mode == "held" else None
with open(log, "a") as out:
    while not Path(stop).exists():
        try:
            connection = held or duckdb.connect(snapshot, read_only=True)
            seen = {"as_of": connection.sql(QUERY).fetchall()[0][0]}
            if held is None:
                connection.close()
        except Exception as error:
            seen = {"error": f"{type(error).__name__}: {error}"}
        out.write(json.dumps(seen) + "\\n")
        out.flush()
        time.sleep(0.02)
"""


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dbt_command(args: list[str], raw: Path, database: Path) -> list[str]:
    return [
        str(DBT),
        *args,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(database.parent / "target"),
        "--log-path",
        str(database.parent / "logs"),
    ]


def dbt_environment(raw: Path, database: Path) -> dict[str, str]:
    return {**os.environ, "BANKSEG_RAW_DATA_PATH": str(raw), "BANKSEG_DUCKDB_PATH": str(database)}


def build_killed_while_publishing(args: list[str], raw: Path, database: Path) -> bool:
    """Run a build and kill it (SIGKILL) the moment its publication starts writing; whether it
    was caught writing."""
    being_written = file_being_written(published_snapshot_path(database))
    build = subprocess.Popen(
        dbt_command(args, raw, database),
        env=dbt_environment(raw, database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while build.poll() is None:
        time.sleep(0.002)
        if being_written.exists():
            build.send_signal(signal.SIGKILL)
            build.wait()
            return True
    return False


@dataclass(frozen=True)
class Month:
    """What the readers and the snapshot showed through the month's builds."""

    warehouse: Path
    snapshot: Path
    per_query_reads: list[dict]
    held_reads: list[dict]
    caught_publishing: bool
    left_by_the_killed_build: bool
    after_the_killed_build: str
    before_the_kill: str
    before_the_red_build: str
    after_the_red_build: str
    red_build_output: str


def reads(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture(scope="module")
def month(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Month]:
    folder = tmp_path_factory.mktemp("publication")
    database = folder / "bank.duckdb"
    snapshot = published_snapshot_path(database)
    run_dbt([*BUILD, "--vars", history_vars("2025-04-30")], raw_path=demo_raw, database=database)

    stop = folder / "stop"
    logs = {mode: folder / f"{mode}.jsonl" for mode in ("per_query", "held")}
    reader = READER.replace("QUERY", repr(AS_OF_QUERY))
    readers = [
        subprocess.Popen([sys.executable, "-c", reader, str(snapshot), str(log), str(stop), mode])
        for mode, log in logs.items()
    ]
    try:
        while not all(log.exists() and log.read_text() for log in logs.values()):
            time.sleep(0.05)
        run_dbt(
            [*BUILD, "--full-refresh", "--vars", history_vars("2025-05-31")],
            raw_path=demo_raw,
            database=database,
        )
        before_the_kill = checksum(snapshot)
        caught = build_killed_while_publishing(
            [*BUILD, "--vars", history_vars("2025-06-30")], demo_raw, database
        )
        left_behind = file_being_written(snapshot).exists()
        after_the_kill = checksum(snapshot)
        run_dbt(
            [*BUILD, "--vars", history_vars("2025-06-30")], raw_path=demo_raw, database=database
        )
        time.sleep(0.5)  # the readers' next queries
        before_red = checksum(snapshot)
        red = subprocess.run(
            dbt_command(
                [*BUILD, "--vars", REFUSED_FIT],
                demo_raw,
                database,
            ),
            env=dbt_environment(demo_raw, database),
            capture_output=True,
            text=True,
        )
        assert red.returncode != 0, red.stdout
    finally:
        stop.touch()
        for reader in readers:
            reader.wait(timeout=30)
    yield Month(
        warehouse=database,
        snapshot=snapshot,
        per_query_reads=reads(logs["per_query"]),
        held_reads=reads(logs["held"]),
        caught_publishing=caught,
        left_by_the_killed_build=left_behind,
        before_the_kill=before_the_kill,
        after_the_killed_build=after_the_kill,
        before_the_red_build=before_red,
        after_the_red_build=checksum(snapshot),
        red_build_output=red.stdout,
    )


def test_a_reader_connecting_per_query_never_fails_and_sees_each_published_month(month):
    assert [read for read in month.per_query_reads if "error" in read] == []
    seen = [read["as_of"] for read in month.per_query_reads]
    assert seen[0] == "2025-04-30" and seen[-1] == "2025-06-30"
    assert seen == sorted(seen)  # never back to an older month
    assert "2025-05-31" in seen


def test_a_reader_holding_the_snapshot_keeps_its_month_and_blocks_no_build(month):
    assert {json.dumps(read) for read in month.held_reads} == {json.dumps({"as_of": "2025-04-30"})}


def test_a_publication_killed_half_way_leaves_the_last_snapshot_readable(month):
    assert month.caught_publishing, "the build ended before its publication was seen writing"
    assert month.after_the_killed_build == month.before_the_kill
    assert month.left_by_the_killed_build  # and the next build cleared it and published
    assert not file_being_written(month.snapshot).exists()
    with duckdb.connect(str(month.snapshot), read_only=True) as connection:
        assert connection.sql(AS_OF_QUERY).fetchall() == [("2025-06-30",)]


def test_a_red_build_leaves_the_snapshot_byte_for_byte_and_says_so_last(month):
    assert month.after_the_red_build == month.before_the_red_build
    hook_lines = [
        line for line in month.red_build_output.splitlines() if "published" in line.lower()
    ]
    assert re.search(
        r"Not published: 1 node\(s\) failed: segmentation_model \(error\), \d+ skipped\. "
        f"BI tools still read {re.escape(str(month.snapshot))} as it was.$",
        hook_lines[-1],
    ), hook_lines


def test_the_snapshot_carries_its_manifest_for_data_as_of(month):
    with duckdb.connect(str(month.snapshot), read_only=True) as connection:
        manifest = connection.sql("select * from publication_manifest").df()
        tables = {
            name
            for (name,) in connection.sql(
                "select table_name from information_schema.tables"
            ).fetchall()
        }
        rows = {
            name: connection.sql(f"select count(*) from {name}").fetchall()[0][0]
            for name in manifest.table_name
        }
    assert tables == {*manifest.table_name, "publication_manifest"}
    assert dict(zip(manifest.table_name, manifest.row_count, strict=True)) == rows
    assert manifest.model_verdict.notna().all() and manifest.model_version.nunique() == 1
    assert (manifest.built_at <= manifest.published_at).all()


def test_make_build_ends_naming_the_snapshot_or_what_bi_tools_still_read(month):
    with duckdb.connect(str(month.snapshot), read_only=True) as connection:
        (publisher,) = connection.sql(
            "select distinct dbt_invocation_id from publication_manifest"
        ).fetchall()[0]
    assert publication_line(month.warehouse, publisher) == f"Published: {month.snapshot}"
    assert publication_line(month.warehouse, None).startswith(
        f"Not published by this build (its log says why); BI tools still read {month.snapshot}, "
        "as of 2025-06-30, published "
    )
