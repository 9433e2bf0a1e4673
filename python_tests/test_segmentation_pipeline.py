"""The segmentation inside dbt: quality on the demo data, stable ids across a retrain, score
mode without refitting, identical reruns and `dbt run --empty`."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bank_segmentation.export import export_model_registry
from bank_segmentation.quality_report import build_report
from bank_segmentation.show import describe
from python_tests.dbt_helpers import run_dbt
from python_tests.messy_extract import AS_OF

REFIT_JUNE = "{as_of_date: '2025-06-30', lookback_months: 3}"


def query(database: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


# At 3,000 customers the ARI against the personas varies with the demo's seed: 0.78 to 0.84
# over seeds 1, 2, 3 and 42, whether the window's counts are clustered as counts or per month
# (measured: DemoConfig(customers=3000, seed=s), dbt build, bank_segmentation.quality_report);
# the 10,000-customer demo reaches 0.845. The bar sits just under that range.
MIN_ARI_AT_3000 = 0.77


def test_segments_recover_the_planted_personas(demo_warehouse, demo_raw):
    report = build_report(demo_warehouse, demo_raw / "ground_truth" / "customer_personas.parquet")
    ours, baseline = report.iloc[0], report.iloc[1]
    assert ours.ari_vs_personas >= MIN_ARI_AT_3000, report.to_string()
    assert ours.bootstrap_stability_ari >= 0.90, report.to_string()
    assert ours.ari_vs_personas > baseline.ari_vs_personas, report.to_string()


def test_show_prints_the_segments(demo_warehouse):
    text = describe(demo_warehouse)
    assert "Segments" in text and "loan_seekers" in text and "share_pct" in text


@pytest.fixture(scope="module")
def retrained(history_warehouse, tmp_path_factory) -> Path:
    """A copy of the warehouse retrained month after month (conftest.history_warehouse)."""
    database = tmp_path_factory.mktemp("retrained") / "retrained.duckdb"
    shutil.copy(history_warehouse.database, database)
    return database


def segment_names_by_version(database: Path) -> dict[str, dict[int, str]]:
    rows = query(
        database,
        """
        select distinct model_version, segment_id, segment_name from segmentation_model
    """,
    )
    return {
        version: dict(zip(group.segment_id, group.segment_name, strict=True))
        for version, group in rows.groupby("model_version")
    }


def test_retrain_on_a_later_month_keeps_segment_ids_and_names(retrained):
    versions = segment_names_by_version(retrained)
    assert len(versions) == 3
    ordered = [versions[v] for v in sorted(versions)]
    for before, after in itertools.pairwise(ordered):
        kept = {i: name for i, name in after.items() if i in before}
        assert len(kept) >= min(len(before), len(after)) - 1
        assert all(before[i] == name for i, name in kept.items())
    parents = query(
        retrained,
        "select distinct model_version, parent_model_version from segmentation_model "
        "where parent_model_version is not null order by model_version",
    )
    assert parents.parent_model_version.tolist() == sorted(versions)[:2]


def test_score_mode_reuses_the_stored_model_and_reruns_are_identical(retrained, history_warehouse):
    june_raw = history_warehouse.last_month_raw
    before = query(retrained, "select * from customer_segment_assignments order by customer_id")
    stored_before = query(retrained, "select count(*) as n from segmentation_model").n[0]
    run_dbt(
        [
            "build",
            "--select",
            "segmentation_model+",
            "--vars",
            "{as_of_date: '2025-06-30', lookback_months: 3, segmentation_mode: score}",
        ],
        raw_path=june_raw,
        database=retrained,
    )
    scored = query(retrained, "select * from customer_segment_assignments order by customer_id")
    assert query(retrained, "select count(*) as n from segmentation_model").n[0] == stored_before
    pd.testing.assert_frame_equal(before, scored)
    run_dbt(
        ["build", "--select", "segmentation_model+", "--vars", REFIT_JUNE],
        raw_path=june_raw,
        database=retrained,
    )
    refitted = query(retrained, "select * from customer_segment_assignments order by customer_id")
    pd.testing.assert_frame_equal(before, refitted)
    assert query(retrained, "select count(*) as n from segmentation_model").n[0] == stored_before


def test_dbt_run_empty_does_not_crash(demo_raw, tmp_path):
    database = tmp_path / "empty.duckdb"
    run_dbt(["seed"], raw_path=demo_raw, database=database)
    run_dbt(["run", "--empty"], raw_path=demo_raw, database=database)
    assert query(database, "select count(*) as n from customer_segment_assignments").n[0] == 0


def test_an_imported_model_scores_in_sql_as_the_fit_that_made_it(
    messy_raw, messy_warehouse, tmp_path
):
    """var segmentation_model_path on DuckDB: no Python model runs, the scorer assigns with
    the imported registry, and every customer gets the segment, runner-up and reasons the
    fitting build gave."""
    fitted_database, _ = messy_warehouse
    model_path = tmp_path / "segmentation_model.parquet"
    export_model_registry(fitted_database, model_path)
    database = tmp_path / "imported.duckdb"
    variables = f"{{as_of_date: '{AS_OF}', segmentation_model_path: '{model_path}'}}"
    run_dbt(["build", "--vars", variables], raw_path=messy_raw, database=database)
    tables = set(query(database, "select table_name from information_schema.tables").table_name)
    assert "segmentation_model_imported" in tables
    assert "segmentation_model" not in tables
    columns = (
        "customer_id, model_version, segment_id, segment_name, runner_up_segment_id, "
        "runner_up_segment_name, assignment_confidence, reason_text, "
        "reason_1_feature, reason_1_customer_value, reason_1_segment_value, "
        "reason_3_feature, reason_3_population_value"
    )
    ordered = f"select {columns} from customer_segments order by customer_id"
    pd.testing.assert_frame_equal(
        query(database, ordered), query(fitted_database, ordered), check_exact=False, rtol=1e-9
    )
