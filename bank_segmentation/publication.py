"""Write, audit, publish: BI tools read a published snapshot, never the warehouse a build writes.

A DuckDB build writes its working warehouse (e.g. warehouse/bank_segmentation.duckdb). When it
ends with every node passed, its on-run-end hook (macro publish_for_bi) copies the BI-facing
marts and a publication_manifest table into a new file beside the published snapshot and renames
it over the snapshot (warehouse/bank_segmentation.published.duckdb). A rename is atomic on one
filesystem: a reader that opened the old snapshot keeps reading it, a new connection opens the
new one, and no reader ever holds the file a build writes. A build that fails, or is stopped
half-way, leaves the last snapshot as it was.

This module is a dbt-duckdb plugin (profiles.yml, `plugins`): the hook calls the SQL functions
`published_snapshot_path(warehouse)`, `begin_publication(snapshot)` and
`complete_publication(snapshot)`. From the command line it prints a warehouse's snapshot path:

    python -m bank_segmentation.publication warehouse/bank_segmentation.duckdb
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb.sqltypes import VARCHAR

WAREHOUSE_SUFFIX = ".duckdb"
SNAPSHOT_SUFFIX = ".published.duckdb"
MANIFEST_TABLE = "publication_manifest"


def published_snapshot_path(warehouse: str | Path) -> Path:
    """The snapshot BI tools read, beside the working warehouse: x.duckdb -> x.published.duckdb."""
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name.removesuffix(WAREHOUSE_SUFFIX) + SNAPSHOT_SUFFIX)


def file_being_written(snapshot: str | Path) -> Path:
    """Where a publication is written before it is renamed over the snapshot."""
    snapshot = Path(snapshot)
    return snapshot.with_name(snapshot.name + ".next")


def begin_publication(snapshot: str) -> str:
    """Clear what a publication stopped half-way left behind; return the file to write."""
    next_file = file_being_written(snapshot)
    for leftover in (next_file, next_file.with_name(next_file.name + ".wal")):
        leftover.unlink(missing_ok=True)
    next_file.parent.mkdir(parents=True, exist_ok=True)
    return str(next_file)


def complete_publication(snapshot: str) -> str:
    """Rename the written file over the snapshot, once it is on disk; return the snapshot."""
    next_file = file_being_written(snapshot)
    with open(next_file, "rb") as written:
        os.fsync(written.fileno())
    os.replace(next_file, snapshot)
    directory = os.open(Path(snapshot).parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return snapshot


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        conn.create_function(
            "published_snapshot_path",
            lambda warehouse: str(published_snapshot_path(warehouse)),
            [VARCHAR],
            VARCHAR,
        )
        for function in (begin_publication, complete_publication):
            conn.create_function(function.__name__, function, [VARCHAR], VARCHAR, side_effects=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: python -m {__spec__.name} <warehouse.duckdb>")
    print(published_snapshot_path(sys.argv[1]))
