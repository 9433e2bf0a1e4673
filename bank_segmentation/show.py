"""Command line: say where the warehouse is, how to query it, and what it holds.

python -m bank_segmentation.show --database warehouse/bank_segmentation.duckdb
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

SEGMENT_QUERY = """
select segment_name, customers, round(100 * customer_share, 1) as share_pct, defining_features
from main.segment_overview
order by customers desc
"""
QUALITY_QUERY = """
select table_name, rows_in, rows_kept, rows_rejected
from main.data_quality_row_counts
order by table_name
"""


def table_exists(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = connection.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]
    ).fetchall()
    return rows[0][0] > 0


def describe(database: Path) -> str:
    """A short text report of the warehouse: data quality and, when built, the segments."""
    lines = [f"Warehouse: {database.resolve()}"]
    with duckdb.connect(str(database), read_only=True) as connection:
        if table_exists(connection, "data_quality_row_counts"):
            lines += ["", "Raw rows kept and rejected (see main.quarantined_rows):"]
            lines.append(str(connection.sql(QUALITY_QUERY)))
        if table_exists(connection, "segment_overview"):
            lines += ["", "Segments:"]
            lines.append(str(connection.sql(SEGMENT_QUERY)))
    lines += [
        "",
        "Query it:",
        f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{database}', "
        "read_only=True).sql('show all tables'))\"",
        f"  or the DuckDB CLI: duckdb -readonly {database}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.database.exists():
        parser.error(f"no warehouse at {args.database}: run `make build` first")
    print(describe(args.database))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
