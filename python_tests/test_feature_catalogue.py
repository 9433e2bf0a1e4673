"""The feature catalogue (seeds/feature_catalogue.csv) declares every customer feature once.
Each list that does not derive from it is checked against it here, and each failure names the
file to change. Adding a feature takes its SQL in the family model and one catalogue row:
a scratch copy of the project proves that."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from bank_segmentation.clustering.config import DEFAULT_FEATURE_SUBSTITUTES
from bank_segmentation.feature_catalogue import (
    FAMILIES,
    main,
    profiled,
    read_catalogue,
)
from python_tests.conftest import BERKA_FEATURES
from python_tests.dbt_helpers import PROJECT_DIR, run_dbt

CATALOGUE = read_catalogue()
NAMES = {feature.name for feature in CATALOGUE}
CATALOGUE_FILE = "seeds/feature_catalogue.csv"
SQL_TYPES = {"integer": "INTEGER", "double": "DOUBLE"}
# the feature table's columns that are not features: keys, profile text and flags
NOT_FEATURES = {"customer_id", "as_of_date", "gender", "region", "rfm_label"}


def contract_columns(path: str, model: str) -> dict[str, dict]:
    models = yaml.safe_load((PROJECT_DIR / path).read_text())["models"]
    (found,) = [entry for entry in models if entry["name"] == model]
    return {column["name"]: column for column in found["columns"]}


def column_types(connection: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {row[0]: row[1] for row in connection.sql(f"describe {table}").fetchall()}


def test_the_feature_docs_are_written_from_the_catalogue():
    assert main(["--check"]) == 0, "run python -m bank_segmentation.feature_catalogue"


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("models/marts/segments/_customer_segments__model.yml", "customer_segments"),
        ("models/marts/segments/_segment_history__model.yml", "segment_history"),
    ],
)
def test_the_mart_contracts_carry_every_profiled_feature_as_declared(path, model):
    columns = contract_columns(path, model)
    missing = [name for name in profiled(CATALOGUE) if name not in columns]
    assert not missing, (
        f"{path}: the contract lacks the profiled feature(s) {missing}; add them there, or "
        f"set is_profiled false in {CATALOGUE_FILE}"
    )
    for feature in CATALOGUE:
        column = columns.get(feature.name)
        if column is None:
            continue
        assert column["data_type"] == feature.data_type, (
            f"{path}: {feature.name} is {column['data_type']}, {CATALOGUE_FILE} says "
            f"{feature.data_type}"
        )
        assert column["description"] == f"{{{{ doc('{feature.name}') }}}}", (
            f"{path}: describe {feature.name} with its catalogue doc block"
        )


def test_every_named_feature_list_uses_catalogue_features():
    lists = {
        "Makefile (BERKA_FEATURES)": BERKA_FEATURES.split(","),
        "bank_segmentation/clustering/config.py (DEFAULT_FEATURE_SUBSTITUTES)": [
            name for pair in DEFAULT_FEATURE_SUBSTITUTES.items() for name in pair
        ],
        "seeds/segment_naming_rules.csv (feature)": pd.read_csv(
            PROJECT_DIR / "seeds" / "segment_naming_rules.csv"
        ).feature.tolist(),
    }
    for place, names in lists.items():
        unknown = sorted(set(names) - NAMES)
        assert not unknown, f"{place}: {unknown} not in {CATALOGUE_FILE}"


def test_the_spend_shares_are_the_spending_groups():
    macro = (PROJECT_DIR / "macros" / "segmentation" / "spending_groups.sql").read_text()
    groups = re.findall(r"'(\w+)'", macro)
    shares = sorted(name for name in NAMES if name.startswith("spend_share_"))
    assert shares == sorted(f"spend_share_{group}" for group in groups), (
        "macros/segmentation/spending_groups.sql and the spend_share_ rows of "
        f"{CATALOGUE_FILE} must name the same groups"
    )


def test_every_feature_clustered_by_default_is_profiled():
    unprofiled = [f.name for f in CATALOGUE if f.is_clustered_by_default and not f.is_profiled]
    assert not unprofiled, (
        f"{CATALOGUE_FILE}: {unprofiled} are clustered by default but not profiled, so the "
        "segment marts and the report would not show them: set is_profiled true"
    )


def test_the_catalogue_rows_are_complete():
    for feature in CATALOGUE:
        assert feature.family in FAMILIES, f"{CATALOGUE_FILE}: {feature.name}: family"
        assert feature.data_type in SQL_TYPES, f"{CATALOGUE_FILE}: {feature.name}: data_type"
        assert feature.label and feature.name_words and feature.description, feature.name


def test_the_feature_table_holds_exactly_the_catalogue_with_its_types(demo_warehouse: Path):
    with duckdb.connect(str(demo_warehouse), read_only=True) as connection:
        columns = column_types(connection, "int_customer_features")
    for feature in CATALOGUE:
        assert columns.get(feature.name) == SQL_TYPES[feature.data_type], (
            f"int_customer_features.{feature.name}: {columns.get(feature.name)}, "
            f"{CATALOGUE_FILE} says {feature.data_type}"
        )
    undeclared = sorted(
        name
        for name, sql_type in columns.items()
        if name not in NAMES | NOT_FEATURES and sql_type != "BOOLEAN"
    )
    assert not undeclared, f"int_customer_features: {undeclared} have no row in {CATALOGUE_FILE}"


# A feature a bank might add: ATM visits per month, clustered by default, not profiled.
THROWAWAY_SQL = (
    "        {{ ratio('atm_count', months) }} as atm_visits_per_month,\n"
    "        as_of_date\n    from aggregated"
)
THROWAWAY_ROW = (
    "atm_visits_per_month,activity,double,ATM visits per month,count_per_month,false,false,"
    "true,0.5,,atm_visits,ATM withdrawals over the feature window / the window's months."
)


@pytest.fixture(scope="module")
def project_with_a_new_feature(tmp_path_factory) -> Path:
    """A scratch copy of the project with one feature added: its SQL in the activity family
    model and one catalogue row, nothing else."""
    project = tmp_path_factory.mktemp("project_with_a_new_feature")
    for name in ("models", "macros", "seeds", "tests"):
        shutil.copytree(PROJECT_DIR / name, project / name)
    for name in ("dbt_project.yml", "profiles.yml", "selectors.yml"):
        shutil.copy(PROJECT_DIR / name, project / name)
    family = project / "models" / "intermediate" / "features" / "int_customer_activity_features.sql"
    sql = family.read_text()
    assert sql.count("        as_of_date\n    from aggregated") == 1
    family.write_text(sql.replace("        as_of_date\n    from aggregated", THROWAWAY_SQL))
    catalogue = project / "seeds" / "feature_catalogue.csv"
    catalogue.write_text(catalogue.read_text() + THROWAWAY_ROW + "\n")
    return project


def test_a_feature_added_with_its_sql_and_one_row_is_clustered_shown_and_watched(
    project_with_a_new_feature: Path, clean_raw: Path
):
    database = project_with_a_new_feature / "warehouse.duckdb"
    run_dbt(
        ["build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"],
        raw_path=clean_raw,
        database=database,
        project_dir=project_with_a_new_feature,
    )
    with duckdb.connect(str(database), read_only=True) as connection:

        def features_of(table: str) -> set[str]:
            found = connection.sql(f"select distinct feature from {table}").fetchall()
            return {row[0] for row in found}

        clustered = features_of("segmentation_model")
        typed = column_types(connection, "int_customer_features")
        label = connection.sql(
            "select label from display_formats where source_name = 'atm_visits_per_month'"
        ).fetchall()
        watched = features_of("segment_feature_drift")
    assert typed["atm_visits_per_month"] == "DOUBLE"
    assert "atm_visits_per_month" in clustered
    assert label == [("ATM visits per month",)]
    assert watched == clustered


def test_a_catalogue_row_missing_what_a_feature_needs_fails_naming_feature_and_column(
    project_with_a_new_feature: Path, clean_raw: Path
):
    project = project_with_a_new_feature
    database = project / "broken_catalogue.duckdb"
    catalogue = project / "seeds" / "feature_catalogue.csv"
    kept = catalogue.read_text()
    catalogue.write_text(
        kept + "odd_feature,weather,double,,furlongs,false,false,false,,,odd,Rain per month.\n"
    )
    try:
        run_dbt(["seed"], raw_path=clean_raw, database=database, project_dir=project)
        test = "feature_catalogue_declares_every_feature_fully"
        result = run_dbt(
            ["test", "--select", test],
            raw_path=clean_raw,
            database=database,
            project_dir=project,
            expect_success=False,
        )
    finally:
        catalogue.write_text(kept)
    (outcome,) = [r for r in result.result.results if r.node.name == test]
    assert str(outcome.status) == "fail" and outcome.failures == 3
    log = (project / "logs" / "dbt.log").read_text()
    for problem in ("family must be one of", "unit must be a unit", "label, name_words"):
        assert f"seeds/feature_catalogue.csv: odd_feature: {problem}" in log
