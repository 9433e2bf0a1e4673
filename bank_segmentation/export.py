"""Command line (`make export`): the files a CRM and BI tools load, into a folder you choose.

    python -m bank_segmentation.export --database warehouse/bank_segmentation.duckdb --out exports
    BANKSEG_ID_HASH_KEY=... python -m bank_segmentation.export ... --hash-customer-ids
    python -m bank_segmentation.export --database ... --model-registry model.parquet

Writes
- campaigns/<action>.csv and .parquet: one target list per campaign action of the current
  as-of date, best expected value first (campaign_targets);
- marts/<mart>.parquet: every BI mart (the models tagged bi in the dbt manifest of the build),
  for BI tools that cannot open a DuckDB 2.0 file;
- manifest.json: as-of date, model version, whether customer ids are hashed, and per file its
  rows.
Customer ids stay in clear for the bank's own CRM. With --hash-customer-ids (for lists that
leave the bank) every customer_id becomes HMAC-SHA256(key, customer_id) in hex, the key from
the environment variable BANKSEG_ID_HASH_KEY only; the same key gives the same pseudonym in
every file and every month, so files still join.

--model-registry writes only the fitted model (segmentation_model), for a build that scores with
it elsewhere (var segmentation_model_path, e.g. `make spark-build`).
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

BI_TAG = "bi"
MANIFEST = "manifest.json"


def bi_marts(dbt_manifest: Path) -> list[str]:
    """The models tagged bi (in dbt_project.yml) in a dbt manifest, by name."""
    if not dbt_manifest.is_file():
        raise FileNotFoundError(
            f"{dbt_manifest} not found: the BI marts are read from the manifest of the dbt "
            "build that made the warehouse (run `make build`, or pass --dbt-manifest)"
        )
    nodes = json.loads(dbt_manifest.read_text())["nodes"].values()
    return sorted(
        node["name"]
        for node in nodes
        if node["resource_type"] == "model" and BI_TAG in node["config"]["tags"]
    )


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
        campaigns = export_campaign_lists(connection, out / "campaigns", hash_key)
    rows_per_mart = export_marts(database, out / "marts", marts, hash_key)
    manifest = {
        "as_of_date": str(as_of),
        "model_version": ", ".join(str(v) for (v,) in versions),
        "customer_ids": "hashed: HMAC-SHA256 with the key in " + campaign_lists.HASH_KEY_VARIABLE
        if hash_key is not None
        else "in clear",
        "customer_ids_hashed": hash_key is not None,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
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
    parser.add_argument("--database", type=Path, required=True, help="the built warehouse")
    parser.add_argument("--out", type=Path, default=Path("exports"), help="folder to write to")
    parser.add_argument(
        "--hash-customer-ids",
        action="store_true",
        help="replace customer ids by HMAC-SHA256 pseudonyms (key: env BANKSEG_ID_HASH_KEY)",
    )
    parser.add_argument(
        "--dbt-manifest",
        type=Path,
        default=Path("target/manifest.json"),
        help="the dbt manifest of the build (the marts exported are the models tagged bi)",
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
    try:
        marts = bi_marts(args.dbt_manifest)
    except FileNotFoundError as error:
        parser.error(str(error))
    manifest = export_for_crm(args.database, args.out, marts, key)
    for file in manifest["files"]:
        print(f"{args.out / file['path']}: {file['rows']:,} rows")
    print(f"{args.out / MANIFEST}: as of {manifest['as_of_date']}, ids {manifest['customer_ids']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
