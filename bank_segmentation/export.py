"""Command line (`make export`): the files a CRM and BI tools load, into a folder you choose.

    python -m bank_segmentation.export --database warehouse/bank_segmentation.published.duckdb \
        --out exports
    BANKSEG_ID_HASH_KEY=... python -m bank_segmentation.export ... --hash-customer-ids
    python -m bank_segmentation.export --database warehouse/bank_segmentation.duckdb \
        --model-registry model.parquet

Writes
- campaigns/<action>.csv and .parquet: one target list per campaign action of the current
  as-of date, best expected value first (campaign_targets);
- marts/<mart>.parquet: every BI mart of the published snapshot (its publication_manifest),
  for BI tools that cannot open a DuckDB 2.0 file;
- manifest.json: as-of date, model version, when the snapshot was built and published,
  whether customer ids are hashed, per file its rows, the customers each eligibility rule
  left out of each list and whether marketing consent was checked (campaign_exclusions).
Everything is read from the published snapshot (bank_segmentation.publication), so the files
are the figures of the last build that passed, whatever runs meanwhile.
Customer ids stay in clear for the bank's own CRM. With --hash-customer-ids (for lists that
leave the bank) every customer_id becomes HMAC-SHA256(key, customer_id) in hex, the key from
the environment variable BANKSEG_ID_HASH_KEY only; the same key gives the same pseudonym in
every file and every month, so files still join.

--model-registry writes only the fitted model (segmentation_model) of a working warehouse, for a
build that scores with it elsewhere (var segmentation_model_path, e.g. `make spark-build`).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from bank_segmentation import campaign_lists
from bank_segmentation.campaign_lists import HashKeyError, hash_key_from_environment
from bank_segmentation.publication import MANIFEST_TABLE

MANIFEST = "manifest.json"


class NotASnapshotError(ValueError):
    """The file is not a published snapshot (a working warehouse, or no build has passed)."""


def published_marts(database: Path) -> list[str]:
    """The BI marts of a published snapshot, by name (its publication_manifest)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        try:
            rows = connection.sql(f"select table_name from {MANIFEST_TABLE} order by 1").fetchall()
        except duckdb.CatalogException as error:
            raise NotASnapshotError(
                f"{database} holds no {MANIFEST_TABLE}: marts are exported from the published "
                "snapshot (warehouse/<name>.published.duckdb), which a dbt build that passed "
                "writes"
            ) from error
    return [name for (name,) in rows]


def keyed_hash(values: pa.Array, key: bytes) -> pa.Array:
    return pa.array(
        [campaign_lists.pseudonym(v, key) for v in values.to_pylist()], type=pa.string()
    )


def export_marts(
    database: Path, out: Path, marts: list[str], hash_key: bytes | None = None
) -> dict[str, int]:
    """Write each mart to out/<mart>.parquet; returns rows written per mart."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for mart in marts:
            table = connection.sql(f"select * from main.{mart}").to_arrow_table()
            if hash_key is not None and "customer_id" in table.column_names:
                position = table.column_names.index("customer_id")
                hashed = keyed_hash(table.column("customer_id").combine_chunks(), hash_key)
                table = table.set_column(position, "customer_id", hashed)
            pq.write_table(table, out / f"{mart}.parquet")
            written[mart] = table.num_rows
    return written


def export_campaign_lists(
    connection: duckdb.DuckDBPyConnection, out: Path, hash_key: bytes | None = None
) -> dict[str, int]:
    """Write out/<action>.csv and .parquet per campaign action; returns rows per action."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for action in campaign_lists.campaign_actions(connection):
        targets = campaign_lists.with_hashed_ids(
            campaign_lists.campaign_list(connection, action), hash_key
        )
        targets.to_csv(out / f"{action}.csv", index=False)
        targets.to_parquet(out / f"{action}.parquet", index=False)
        written[action] = len(targets)
    return written


def export_for_crm(
    database: Path, out: Path, marts: list[str], hash_key: bytes | None = None
) -> dict:
    """Campaign lists, the marts and the manifest under `out`; returns the manifest."""
    with duckdb.connect(str(database), read_only=True) as connection:
        as_of = campaign_lists.current_as_of_date(connection)
        versions = connection.execute(
            "select distinct model_version from customer_segments order by 1"
        ).fetchall()
        built_at, published_at = connection.execute(
            f"select max(built_at), max(published_at) from {MANIFEST_TABLE}"
        ).fetchall()[0]
        campaigns = export_campaign_lists(connection, out / "campaigns", hash_key)
        exclusions = connection.execute(
            "select action, exclusion_reason, customers_excluded, is_rule_checked "
            "from campaign_exclusions where as_of_date = ? order by action, exclusion_order",
            [as_of],
        ).fetchall()
    rows_per_mart = export_marts(database, out / "marts", marts, hash_key)
    manifest = {
        "as_of_date": str(as_of),
        "model_version": ", ".join(str(v) for (v,) in versions),
        "customer_ids": "hashed: HMAC-SHA256 with the key in " + campaign_lists.HASH_KEY_VARIABLE
        if hash_key is not None
        else "in clear",
        "customer_ids_hashed": hash_key is not None,
        "built_at": built_at.isoformat(timespec="seconds"),
        "published_at": published_at.isoformat(timespec="seconds"),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "marketing_consent_checked": all(checked for *_, checked in exclusions),
        "campaign_exclusions": [
            {"action": action, "reason": reason, "customers": customers, "rule_checked": checked}
            for action, reason, customers, checked in exclusions
        ],
        "files": [
            *(
                {"path": f"campaigns/{action}.{suffix}", "action": action, "rows": rows}
                for action, rows in campaigns.items()
                for suffix in ("csv", "parquet")
            ),
            *(
                {"path": f"marts/{mart}.parquet", "rows": rows}
                for mart, rows in rows_per_mart.items()
            ),
        ],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def export_model_registry(database: Path, path: Path) -> int:
    """Write segmentation_model (every stored version) to one Parquet file; returns rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        table = connection.sql("select * from main.segmentation_model").to_arrow_table()
    pq.write_table(table, path)
    return table.num_rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        type=Path,
        required=True,
        help="the published snapshot (or, with --model-registry, the working warehouse)",
    )
    parser.add_argument("--out", type=Path, default=Path("exports"), help="folder to write to")
    parser.add_argument(
        "--hash-customer-ids",
        action="store_true",
        help="replace customer ids by HMAC-SHA256 pseudonyms (key: env BANKSEG_ID_HASH_KEY)",
    )
    parser.add_argument("--model-registry", type=Path, help="write only segmentation_model here")
    args = parser.parse_args(argv)
    if args.model_registry:
        rows = export_model_registry(args.database, args.model_registry)
        print(f"{args.model_registry}: {rows:,} rows")
        return 0
    try:
        key = hash_key_from_environment() if args.hash_customer_ids else None
    except HashKeyError as error:
        parser.error(str(error))
    if not args.database.exists():
        parser.error(f"no published snapshot at {args.database}: a dbt build that passes writes it")
    try:
        marts = published_marts(args.database)
    except NotASnapshotError as error:
        parser.error(str(error))
    manifest = export_for_crm(args.database, args.out, marts, key)
    for file in manifest["files"]:
        print(f"{args.out / file['path']}: {file['rows']:,} rows")
    print(f"{args.out / MANIFEST}: as of {manifest['as_of_date']}, ids {manifest['customer_ids']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
