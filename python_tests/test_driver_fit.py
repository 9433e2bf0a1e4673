"""The model fitted in the process that runs dbt (bank_segmentation.driver_fit), the way a
Spark build fits, here on DuckDB: from the messy extract it gives the same registry, segments
and marts as the dbt Python model's build; a plain dbt build in that mode stops with the
command to use; a retrain from the registry an engine hands back as Parquet keeps the
segment ids."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bank_segmentation import driver_fit
from bank_segmentation.clustering.decision import FitInputs, registry_rows
from bank_segmentation.clustering.persistence import registry_with
from bank_segmentation.engine_comparison import compare_frames, compared_tables, read_duckdb_table
from python_tests.dbt_helpers import PROJECT_DIR, release_duckdb_file, run_dbt
from python_tests.messy_extract import BUILD
from python_tests.test_clustering_core import CENTRES, FEATURES, blobs


def test_a_driver_fit_gives_the_python_models_registry_and_marts(
    messy_raw: Path, messy_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    python_model_build, _ = messy_warehouse
    database = tmp_path / "driver_fit.duckdb"
    monkeypatch.setenv("BANKSEG_RAW_DATA_PATH", str(messy_raw))
    monkeypatch.setenv("BANKSEG_DUCKDB_PATH", str(database))
    monkeypatch.setenv("BANKSEG_SEGMENTATION_FIT", "driver")  # restored after the test
    dbt_options = [
        *BUILD[1:],
        *("--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)),
        *("--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")),
    ]
    try:
        status = driver_fit.main(["--exchange", str(tmp_path / "exchange"), *dbt_options])
    finally:
        release_duckdb_file()
    assert status == 0
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    tables = compared_tables(manifest)
    assert "segmentation_model" in tables and "customer_segments" in tables
    differing = {}
    for table in tables:
        comparison = compare_frames(
            table,
            read_duckdb_table(python_model_build, table),
            read_duckdb_table(database, table),
        )
        if not comparison.agrees:
            differing[table] = comparison.differences
    assert not differing, differing


def test_a_registry_load_that_fails_leaves_the_stored_registry(
    messy_raw: Path, messy_warehouse, tmp_path: Path
):
    """load_model_registry writes beside the stored registry and renames over it: a good
    file replaces it, a file that cannot be read leaves it as it was."""
    python_model_build, _ = messy_warehouse
    database = tmp_path / "registry.duckdb"
    stored = read_duckdb_table(python_model_build, "segmentation_model")
    registry_file = tmp_path / "registry.parquet"
    stored.to_parquet(registry_file, index=False)

    def load(path: Path) -> bool:
        arguments = json.dumps({"path": str(path)})
        return run_dbt(
            ["run-operation", "load_model_registry", "--args", arguments],
            raw_path=messy_raw,
            database=database,
            extra_env={"BANKSEG_SEGMENTATION_FIT": "driver"},
            expect_success=False,
        ).success

    assert load(registry_file) and load(registry_file)  # the second replaces the first
    assert compare_frames(
        "registry", stored, read_duckdb_table(database, "segmentation_model")
    ).agrees
    assert not load(tmp_path / "missing.parquet")
    assert compare_frames(
        "registry", stored, read_duckdb_table(database, "segmentation_model")
    ).agrees


def test_fit_settings_name_the_model_they_come_from():
    empty = SimpleNamespace(disabled={}, nodes={})
    with pytest.raises(driver_fit.DriverFitFailed, match="segmentation_model"):
        driver_fit.FitSettings.from_manifest(empty)


def test_a_plain_build_in_driver_fit_mode_stops_with_the_command(messy_raw, tmp_path):
    result = run_dbt(
        ["build"],
        raw_path=messy_raw,
        database=tmp_path / "plain.duckdb",
        extra_env={"BANKSEG_SEGMENTATION_FIT": "driver"},
        expect_success=False,
    )
    assert not result.success
    assert "python -m bank_segmentation.driver_fit" in str(result.exception)


def test_a_retrain_from_the_registry_the_engine_wrote_keeps_segment_ids(tmp_path: Path):
    settings = {"features": list(FEATURES), "k_min": 3, "k_max": 4, "bootstrap_rounds": 1}
    no_rules = pd.DataFrame(columns=["segment_name", "priority", "feature", "min_z", "max_z"])

    def fit(action: str, sample: pd.DataFrame, stored: pd.DataFrame | None) -> pd.DataFrame:
        decision = pd.DataFrame(
            {"as_of_date": [sample["as_of_date"].max()], "action": [action]}
            | {"stored_model_version": [None if stored is None else "stored"]}
        )
        inputs = FitInputs(sample, no_rules, pd.DataFrame(), pd.DataFrame())
        return registry_rows("auto", decision, stored, settings, None, lambda: inputs)

    june = fit("fit", blobs(100, seed=5), None)
    # the registry as an engine hands it back: written as Parquet by another writer, read here
    pq.write_table(pa.Table.from_pandas(june, preserve_index=False), tmp_path / "registry.parquet")
    stored = driver_fit.read_exchanged(tmp_path / "registry.parquet")
    moved = blobs(100, seed=6, groups={**CENTRES, "new": (60.0, 5.0, 0.95)})
    july = fit("retrain", moved.assign(as_of_date=pd.Timestamp("2025-07-31")), stored)
    assert set(june["segment_id"]) < set(july["segment_id"])  # kept, and one new
    assert set(july["parent_model_version"]) == set(june["model_version"])
    registry = registry_with(stored, july)
    assert registry.groupby("model_version").size().to_dict() == {
        june["model_version"].iloc[0]: len(june),
        july["model_version"].iloc[0]: len(july),
    }
