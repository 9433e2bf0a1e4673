"""Command line: say where the warehouse is, how to query it, and what it holds.

python -m bank_segmentation.show --database warehouse/bank_segmentation.duckdb
python -m bank_segmentation.show --database ... --failed-build   (what BI tools still read)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from bank_segmentation.publication import MANIFEST_TABLE, published_snapshot_path

SEGMENT_QUERY = """
with sizes as (
    select model_version, segment_id, segment_name, count(*) as customers
    from main.customer_segment_assignments
    group by all
),
ranked_features as (
    select
        model.segment_id,
        model.feature,
        model.centroid_scaled,
        row_number() over (
            partition by model.segment_id
            order by abs(model.centroid_scaled) desc, model.feature
        ) as feature_rank
    from main.segmentation_model as model
    where model.model_version = (select max(model_version) from sizes)
)
select
    sizes.segment_id as id,
    sizes.segment_name as segment,
    sizes.customers,
    round(100.0 * sizes.customers / (select sum(customers) from sizes), 1) as share_pct,
    string_agg(
        ranked_features.feature || ' ' || printf('%+.1f', ranked_features.centroid_scaled) || 'σ',
        ', ' order by ranked_features.feature_rank
    ) as defining_features
from sizes
inner join ranked_features
    on sizes.segment_id = ranked_features.segment_id and ranked_features.feature_rank <= 3
group by sizes.segment_id, sizes.segment_name, sizes.customers
order by sizes.customers desc, sizes.segment_id
"""
AS_OF_QUERY = "select as_of_date, as_of_date_reason from main.feature_window"
DECISION_QUERY = """
select as_of_date, action, model_version, reason
from main.segmentation_decisions
where as_of_date = (select max(as_of_date) from main.feature_window)
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


def invocation_of(run_results: Path) -> str | None:
    """The dbt invocation id recorded in a run_results.json, if there is one."""
    if not run_results.is_file():
        return None
    return json.loads(run_results.read_text())["metadata"]["invocation_id"]


def publication_line(database: Path, invocation_id: str | None) -> str:
    """Whether the build of invocation_id published the snapshot BI tools read, and if not,
    what they read instead."""
    snapshot = published_snapshot_path(database)
    if not snapshot.exists():
        return f"Not published: no build has passed yet, so BI tools have no {snapshot}."
    with duckdb.connect(str(snapshot), read_only=True) as connection:
        as_of, published_at, published_by = connection.sql(
            f"select max(as_of_date), max(published_at), max(dbt_invocation_id) "
            f"from {MANIFEST_TABLE}"
        ).fetchall()[0]
    if invocation_id is not None and published_by == invocation_id:
        return f"Published: {snapshot}"
    return (
        f"Not published by this build (its log says why); BI tools still read {snapshot}, "
        f"as of {as_of}, published {published_at:%Y-%m-%d %H:%M} UTC."
    )


def describe(database: Path, invocation_id: str | None = None) -> str:
    """A short text report of the warehouse: data quality and, when built, the segments."""
    lines = [f"Warehouse: {database.resolve()}"]
    with duckdb.connect(str(database), read_only=True) as connection:
        if table_exists(connection, "data_quality_row_counts"):
            lines += ["", "Raw rows kept and rejected (see main.quarantined_rows):"]
            lines.append(connection.sql(QUALITY_QUERY).df().to_string(index=False))
        if table_exists(connection, "customer_segment_assignments"):
            lines += ["", "Segments (defining features: centroid z-score vs all customers):"]
            lines.append(connection.sql(SEGMENT_QUERY).df().to_string(index=False))
        lines += [
            "",
            "Query it:",
            f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{database}', "
            "read_only=True).sql('show all tables'))\"",
            f"  or the DuckDB CLI: duckdb -readonly {database}",
            "",
            *build_outcome(connection),
        ]
    return "\n".join([*lines, publication_line(database, invocation_id)])


def build_outcome(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The as-of date the warehouse was built for and why, and the month's segmentation
    decision with its reason (the lines the build's on-run-end hook logs)."""
    lines = []
    if table_exists(connection, "feature_window"):
        for as_of, reason in connection.sql(AS_OF_QUERY).fetchall():
            lines.append(f"As-of date {as_of}: {reason}.")
    if table_exists(connection, "segmentation_decisions"):
        for as_of, action, version, reason in connection.sql(DECISION_QUERY).fetchall():
            lines.append(f"Segmentation on {as_of}: {action} (model {version}): {reason}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument(
        "--run-results",
        type=Path,
        default=Path("target/run_results.json"),
        help="dbt's run_results.json of the build (says which build published)",
    )
    parser.add_argument(
        "--failed-build", action="store_true", help="only what BI tools read after a failed build"
    )
    args = parser.parse_args(argv)
    if args.failed_build:
        print(publication_line(args.database, invocation_id=None))
        return 0
    invocation_id = invocation_of(args.run_results)
    if not args.database.exists():
        parser.error(f"no warehouse at {args.database}: run `make build` first")
    print(describe(args.database, invocation_id))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
