"""Command line: how good are the segments? ARI against the demo's planted personas,
silhouette, Davies-Bouldin and bootstrap stability, next to the notebook baseline.

    python -m bank_segmentation.quality_report --database warehouse/bank_segmentation.duckdb \
        --ground-truth data/raw/demo/ground_truth/customer_personas.parquet
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from bank_segmentation.evaluation import QualityFigures, as_table, notebook_baseline


def our_figures(connection: duckdb.DuckDBPyConnection, personas: pd.DataFrame) -> QualityFigures:
    assigned = connection.sql(
        "select customer_id, segment_id, model_version from customer_segment_assignments "
        "order by customer_id"
    ).df()
    version = assigned.model_version.iloc[0]
    stored = connection.execute(
        "select any_value(k), any_value(silhouette), any_value(davies_bouldin), "
        "any_value(stability_ari), any_value(verdict) from segmentation_model "
        "where model_version = ?",
        [version],
    ).fetchall()[0]
    joined = assigned.merge(personas, on="customer_id", validate="one_to_one")
    return QualityFigures(
        method=f"this project (model {version}, verdict {stored[4]})",
        k=int(stored[0]),
        ari_vs_personas=float(adjusted_rand_score(joined.persona, joined.segment_id)),
        silhouette=float(stored[1]),
        davies_bouldin=float(stored[2]),
        bootstrap_stability_ari=float(stored[3]),
    )


def build_report(database: Path, ground_truth: Path) -> pd.DataFrame:
    personas = pd.read_parquet(ground_truth)[["customer_id", "persona"]]
    with duckdb.connect(str(database), read_only=True) as connection:
        ours = our_figures(connection, personas)
        # ordered: K-Means results depend on row order, and tables have none
        features = connection.sql("select * from int_customer_features order by customer_id").df()
    features = features.merge(personas, on="customer_id", validate="one_to_one")
    baseline = notebook_baseline(features.drop(columns=["persona"]), features.persona)
    return as_table([ours, baseline])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--ground-truth", type=Path, required=True)
    args = parser.parse_args(argv)
    table = build_report(args.database, args.ground_truth)
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
