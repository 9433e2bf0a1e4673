"""Command line: write the BI-facing marts to Parquet, for BI tools that cannot open a DuckDB
2.0 file.

    python -m bank_segmentation.export --database warehouse/bank_segmentation.duckdb --out exports
    python -m bank_segmentation.export --database ... --model-registry model.parquet
    BANKSEG_ID_HASH_KEY=... python -m bank_segmentation.export ... --hash-customer-ids

--model-registry writes only the fitted model (segmentation_model), for a build that scores with
it elsewhere (var segmentation_model_path, e.g. `make spark-build`).

With --hash-customer-ids every customer_id becomes HMAC-SHA256(key, customer_id) in hex; the
key comes from the environment variable BANKSEG_ID_HASH_KEY only, never from the repository.
The same key gives the same pseudonym in every file and every month, so files still join.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

BI_MARTS: tuple[str, ...] = (
    "customer_segments",
    "segment_history",
    "segment_summary",
    "segment_profiles",
    "segment_migration",
    "rfm_summary",
    "campaign_targets",
    "segment_playbook",
    "data_quality_row_counts",
    "data_quality_rejections",
    "segment_feature_drift",
    "segment_share_drift",
)
HASH_KEY_VARIABLE = "BANKSEG_ID_HASH_KEY"


def keyed_hash(values: pa.Array, key: bytes) -> pa.Array:
    return pa.array(
        [
            None if v is None else hmac.new(key, v.encode(), hashlib.sha256).hexdigest()
            for v in values.to_pylist()
        ],
        type=pa.string(),
    )


def export_marts(database: Path, out: Path, hash_key: bytes | None = None) -> dict[str, int]:
    """Write each mart to out/<mart>.parquet; returns rows written per mart."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for mart in BI_MARTS:
            table = connection.sql(f"select * from main.{mart}").to_arrow_table()
            if hash_key is not None and "customer_id" in table.column_names:
                position = table.column_names.index("customer_id")
                hashed = keyed_hash(table.column("customer_id").combine_chunks(), hash_key)
                table = table.set_column(position, "customer_id", hashed)
            pq.write_table(table, out / f"{mart}.parquet")
            written[mart] = table.num_rows
    return written


def export_model_registry(database: Path, path: Path) -> int:
    """Write segmentation_model (every stored version) to one Parquet file; returns rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        table = connection.sql("select * from main.segmentation_model").to_arrow_table()
    pq.write_table(table, path)
    return table.num_rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("exports"))
    parser.add_argument("--hash-customer-ids", action="store_true")
    parser.add_argument("--model-registry", type=Path, help="write only segmentation_model here")
    args = parser.parse_args(argv)
    if args.model_registry:
        rows = export_model_registry(args.database, args.model_registry)
        print(f"{args.model_registry}: {rows:,} rows")
        return 0
    key = None
    if args.hash_customer_ids:
        secret = os.environ.get(HASH_KEY_VARIABLE, "")
        if len(secret) < 16:
            parser.error(f"--hash-customer-ids needs {HASH_KEY_VARIABLE} (16+ characters) set")
        key = secret.encode()
    for mart, rows in export_marts(args.database, args.out, key).items():
        print(f"{args.out / (mart + '.parquet')}: {rows:,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
