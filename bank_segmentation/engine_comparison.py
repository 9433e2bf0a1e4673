"""Command line: compare every mart (and the quarantine, and a registry fitted on the driver) of
a Spark build with the DuckDB build.

    python -m bank_segmentation.engine_comparison --duckdb warehouse/bank_segmentation.duckdb \
        --spark-tables warehouse/spark/warehouse/bank_segmentation.db \
        --manifest target/manifest.json

The Spark tables are read as the Parquet files Spark wrote (no JVM needed). Two tables agree
when they have the same columns and the same rows: rows are matched after sorting on every
column that is not floating point, floats must agree within a relative and absolute tolerance
(engines sum in different orders), everything else exactly. A table with an as_of_date is
compared on the as-of dates both builds hold (a DuckDB warehouse with months of history
against a Spark build of one date). Exit status 1 when a mart differs.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-9
AS_OF_DATE = "as_of_date"


@dataclass(frozen=True)
class Comparison:
    table: str
    rows: int
    differences: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return not self.differences


COMPARED_FOLDERS = ("models/marts/", "models/quality/")
# How a build got its model, not what it computed: a build that imports the model scores where
# the build it came from fitted.
NOT_COMPARED = ("segmentation_decisions",)


# The registry of a build that fitted its own model on the driver (bank_segmentation.driver_fit)
DRIVER_FIT_REGISTRY = "source.bank_segmentation.fitted_on_driver.segmentation_model"


def compared_tables(manifest: dict) -> list[str]:
    """Every table built from models/marts (what BI reads) and models/quality (the quarantine),
    from a dbt manifest; and the model registry when the build fitted it on the driver."""
    tables = [
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith(COMPARED_FOLDERS)
        and node["config"]["materialized"] in ("table", "incremental")
        and node["name"] not in NOT_COMPARED
    ]
    if DRIVER_FIT_REGISTRY in manifest["sources"]:
        tables.append(manifest["sources"][DRIVER_FIT_REGISTRY]["identifier"])
    return sorted(tables)


def is_float(column: pd.Series) -> bool:
    return pd.api.types.is_float_dtype(column)


def is_json_text(column: pd.Series) -> bool:
    return str(column.name).endswith("_json")


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns by name, rows in a canonical order (every column but floats and JSON text,
    which compare within a tolerance; nulls first)."""
    frame = frame.rename(columns=str.lower)
    frame = frame[sorted(frame.columns)]
    keys = [
        name
        for name in frame.columns
        if not is_float(frame[name]) and not is_json_text(frame[name])
    ]
    return frame.sort_values(keys or list(frame.columns), na_position="first").reset_index(
        drop=True
    )


def comparable_select(connection: duckdb.DuckDBPyConnection, relation: str) -> str:
    """select * with decimals as double and dates/timestamps as text, so that both engines'
    tables reach pandas with the same types (Spark writes some columns with other widths)."""
    columns = []
    for name, data_type, *_ in connection.sql(f"describe select * from {relation}").fetchall():
        upper = data_type.upper()
        if upper.startswith(("DECIMAL", "FLOAT", "REAL")):
            columns.append(f'cast("{name}" as double) as "{name}"')
        elif upper.startswith(("DATE", "TIMESTAMP")):
            columns.append(f'cast(cast("{name}" as timestamp) as varchar) as "{name}"')
        elif upper in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"):
            columns.append(f'cast("{name}" as bigint) as "{name}"')
        else:
            columns.append(f'"{name}"')
    return f"select {', '.join(columns)} from {relation}"


def same_json_value(left: object, right: object) -> bool:
    """Two parsed JSON values alike, their floats within tolerance."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json_value(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_json_value, left, right))
    if isinstance(left, float) or isinstance(right, float):
        numbers = (left, right)
        return all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers) and (
            bool(np.isclose(left, right, rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE))
        )
    return left == right


def same_json_text(left: object, right: object) -> bool:
    if pd.isna(left) or pd.isna(right):
        return bool(pd.isna(left) and pd.isna(right))
    return same_json_value(json.loads(str(left)), json.loads(str(right)))


def agreeing_rows(left: pd.Series, right: pd.Series) -> np.ndarray:
    """Per row: floats within tolerance (both missing counts as equal), JSON text (a column
    named *_json, e.g. the model registry's k_candidates_json) alike with its floats within
    tolerance, the rest equal."""
    if is_json_text(left):
        return np.array([same_json_text(a, b) for a, b in zip(left, right, strict=True)])
    if is_float(left) or is_float(right):
        return np.isclose(
            left.astype("float64").to_numpy(),
            right.astype("float64").to_numpy(),
            rtol=RELATIVE_TOLERANCE,
            atol=ABSOLUTE_TOLERANCE,
            equal_nan=True,
        )
    as_text = [column.astype("string").fillna("<null>") for column in (left, right)]
    same_text = (as_text[0] == as_text[1]).to_numpy()
    # a number kept as text (a raw value from JSON) is written 5000000000.0 by DuckDB and
    # 5.0E9 by Spark: where both sides read as numbers, they compare as numbers
    as_numbers = [pd.to_numeric(column, errors="coerce").to_numpy() for column in (left, right)]
    both_numbers = ~np.isnan(as_numbers[0]) & ~np.isnan(as_numbers[1])
    same_number = np.isclose(
        as_numbers[0], as_numbers[1], rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE
    )
    return same_text | (both_numbers & same_number)


def compare_frames(table: str, expected: pd.DataFrame, actual: pd.DataFrame) -> Comparison:
    """Differences between the DuckDB (expected) and the Spark (actual) rows of one table."""
    expected, actual = normalised(expected), normalised(actual)
    rows = len(expected)
    if list(expected.columns) != list(actual.columns):
        missing = sorted(set(expected.columns) - set(actual.columns))
        extra = sorted(set(actual.columns) - set(expected.columns))
        return Comparison(table, rows, (f"columns differ: missing {missing}, extra {extra}",))
    if rows != len(actual):
        return Comparison(table, rows, (f"{rows} rows vs {len(actual)} rows",))
    differences = []
    for name in expected.columns:
        agree = agreeing_rows(expected[name], actual[name])
        if not agree.all():
            first = int(np.flatnonzero(~agree)[0])
            differences.append(
                f"{name}: {int((~agree).sum())} rows differ, e.g. row {first}: "
                f"{expected[name].iloc[first]!r} (duckdb) vs {actual[name].iloc[first]!r} (spark)"
            )
    return Comparison(table, rows, tuple(differences))


def read_duckdb_table(database: Path, table: str) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(comparable_select(connection, f"main.{table}")).df()


def read_spark_table(tables_dir: Path, table: str) -> pd.DataFrame:
    """A Parquet table as Spark wrote it: part files, partition columns in folder names."""
    files = str(tables_dir / table / "**" / "*.parquet")
    with duckdb.connect() as connection:
        relation = f"read_parquet('{files}', hive_partitioning = true)"
        return connection.sql(comparable_select(connection, relation)).df()


def on_shared_as_of_dates(
    expected: pd.DataFrame, actual: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables' rows of the as-of dates both hold, when both have an as_of_date column and
    share a date; otherwise unchanged (so that no date in common shows as a difference)."""
    if AS_OF_DATE not in expected.columns or AS_OF_DATE not in actual.columns:
        return expected, actual
    shared = set(expected[AS_OF_DATE].dropna()) & set(actual[AS_OF_DATE].dropna())
    if not shared:
        return expected, actual
    return expected[expected[AS_OF_DATE].isin(shared)], actual[actual[AS_OF_DATE].isin(shared)]


def compare_builds(database: Path, spark_tables: Path, tables: list[str]) -> list[Comparison]:
    return [
        compare_frames(
            table,
            *on_shared_as_of_dates(
                read_duckdb_table(database, table), read_spark_table(spark_tables, table)
            ),
        )
        for table in tables
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duckdb", type=Path, required=True)
    parser.add_argument("--spark-tables", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, default=Path("target/manifest.json"))
    args = parser.parse_args(argv)
    tables = compared_tables(json.loads(args.manifest.read_text()))
    comparisons = compare_builds(args.duckdb, args.spark_tables, tables)
    for comparison in comparisons:
        verdict = "same" if comparison.agrees else "DIFFERENT"
        print(f"{comparison.table:<28} {comparison.rows:>9,} rows  {verdict}")
        for difference in comparison.differences:
            print(f"    {difference}")
    return 0 if all(c.agrees for c in comparisons) else 1


if __name__ == "__main__":
    raise SystemExit(main())
