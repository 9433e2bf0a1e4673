"""The project on Apache Spark (dbt-spark, session method, local[2]) from the same raw files
as the DuckDB build (the messy extract: every row-level problem the quarantine knows), scoring
with the model the DuckDB build fitted: it must build with no failing test, and every mart and
the quarantine must equal the DuckDB build's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bank_segmentation.engine_comparison import compare_builds, compared_tables
from bank_segmentation.export import export_model_registry
from python_tests.dbt_helpers import PROJECT_DIR
from python_tests.messy_extract import BUILD

pytestmark = pytest.mark.spark

DBT = str(Path(sys.executable).parent / "dbt")
SPARK_SCHEMA = "bank_segmentation"


def dbt_on_spark(
    args: list[str],
    spark_home: Path,
    raw_path: Path,
    model_path: Path | None,
    target: str = "target",
) -> subprocess.CompletedProcess:
    """dbt in its own process: the Spark JVM and the Derby metastore lock end with it."""
    env = {
        **os.environ,
        "BANKSEG_TARGET": "spark",
        "BANKSEG_SPARK_HOME": str(spark_home),
        "BANKSEG_RAW_DATA_PATH": str(raw_path),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("BANKSEG_SEGMENTATION_MODEL_PATH", None)
    if model_path is not None:
        env["BANKSEG_SEGMENTATION_MODEL_PATH"] = str(model_path)
    command = [
        DBT,
        *args,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(spark_home / target),
        "--log-path",
        str(spark_home / "logs"),
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module")
def spark_build(messy_raw: Path, messy_warehouse, tmp_path_factory) -> Path:
    database, _ = messy_warehouse
    spark_home = tmp_path_factory.mktemp("spark_build")
    model_path = spark_home / "segmentation_model.parquet"
    export_model_registry(database, model_path)
    result = dbt_on_spark(BUILD, spark_home, messy_raw, model_path)
    assert result.returncode == 0, f"dbt build on Spark failed:\n{result.stdout[-6000:]}"
    # messy_warehouse was built twice: rebuild the incremental history the same way (on Spark an
    # insert_overwrite of the as-of date partition), which must replace the rows, not add them.
    rerun = ["run", "--select", "segment_history", *BUILD[1:]]
    result = dbt_on_spark(rerun, spark_home, messy_raw, model_path, target="target_rerun")
    assert result.returncode == 0, (
        f"segment_history rerun on Spark failed:\n{result.stdout[-6000:]}"
    )
    return spark_home


def test_every_mart_and_the_quarantine_on_spark_equal_the_duckdb_build(
    spark_build, messy_warehouse
):
    database, _ = messy_warehouse
    manifest = json.loads((spark_build / "target" / "manifest.json").read_text())
    tables = compared_tables(manifest)
    assert {"customer_segments", "segment_summary", "quarantined_rows"} <= set(tables)
    spark_tables = spark_build / "warehouse" / f"{SPARK_SCHEMA}.db"
    comparisons = compare_builds(database, spark_tables, tables)
    differing = {c.table: c.differences for c in comparisons if not c.agrees}
    assert not differing, differing
    rows = {c.table: c.rows for c in comparisons}
    assert rows["customer_segments"] > 500 and rows["quarantined_rows"] > 10


def test_spark_build_scored_in_sql_with_the_imported_model_and_ran_the_tests(spark_build):
    results = json.loads((spark_build / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"]: r["status"] for r in results}
    models = "model.bank_segmentation."
    assert statuses[models + "customer_segment_assignments"] == "success"
    assert statuses[models + "segmentation_model_imported"] == "success"
    assert models + "segmentation_model" not in statuses
    tests = [s for uid, s in statuses.items() if uid.startswith(("test.", "unit_test."))]
    # warn: the raw-source tests see the messy rows, as on DuckDB
    assert len(tests) > 100 and set(tests) <= {"pass", "warn"}


def test_spark_session_without_an_imported_model_stops_with_the_rule(messy_raw, tmp_path):
    result = dbt_on_spark(["run", "--select", "segmentation_model"], tmp_path, messy_raw, None)
    assert result.returncode != 0
    assert "cannot run Python models" in result.stdout, result.stdout[-3000:]
    assert "segmentation_model_path" in result.stdout
