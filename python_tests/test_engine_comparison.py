"""How engine_comparison decides that a Spark build's table equals the DuckDB build's: floats
within 1e-9, numbers kept as text by value, JSON text as values, the as-of dates both hold."""

from __future__ import annotations

import pandas as pd

from bank_segmentation.engine_comparison import compare_frames, on_shared_as_of_dates


def test_comparison_reports_a_changed_value_and_a_missing_row():
    duckdb_rows = pd.DataFrame({"segment": ["a", "b"], "share": [0.25, 0.75], "n": [1, 3]})
    same = duckdb_rows.iloc[::-1].assign(share=[0.75 + 1e-12, 0.25])
    assert compare_frames("t", duckdb_rows, same).agrees

    changed = duckdb_rows.assign(share=[0.25, 0.7500001])
    assert compare_frames("t", duckdb_rows, changed).differences[0].startswith("share: 1 rows")

    assert (
        "2 rows vs 1 rows" in compare_frames("t", duckdb_rows, duckdb_rows.head(1)).differences[0]
    )


def test_comparison_reads_numbers_kept_as_text_by_value():
    duckdb_rows = pd.DataFrame({"reason": ["a", "b"], "sample": ["5000000000.0", "C_NOBODY"]})
    spark_rows = duckdb_rows.assign(sample=["5.0E9", "C_NOBODY"])
    assert compare_frames("t", duckdb_rows, spark_rows).agrees
    other_number = duckdb_rows.assign(sample=["5.1E9", "C_NOBODY"])
    assert compare_frames("t", duckdb_rows, other_number).differences[0].startswith("sample:")
    other_text = duckdb_rows.assign(sample=["5000000000.0", "C_SOMEBODY"])
    assert not compare_frames("t", duckdb_rows, other_text).agrees


def test_comparison_reads_json_text_as_values_with_floats_within_tolerance():
    candidates = '[{"k": 3, "silhouette": 0.8628438932736446, "is_chosen": true}]'
    duckdb_rows = pd.DataFrame({"version": ["v1"], "k_candidates_json": [candidates]})
    last_digit = duckdb_rows.assign(k_candidates_json=[candidates.replace("446", "447")])
    assert compare_frames("t", duckdb_rows, last_digit).agrees
    other_k = duckdb_rows.assign(k_candidates_json=[candidates.replace('"k": 3', '"k": 4')])
    assert not compare_frames("t", duckdb_rows, other_k).agrees
    other_metric = duckdb_rows.assign(k_candidates_json=[candidates.replace("0.86", "0.87")])
    assert not compare_frames("t", duckdb_rows, other_metric).agrees


def test_json_text_within_tolerance_does_not_reorder_rows():
    """Rows are ordered by their other columns: JSON text whose last digits differ between
    the engines must not change which row is compared with which."""
    exact, summed = '{"share": 0.3}', '{"share": 0.30000000000000004}'
    duckdb_rows = pd.DataFrame({"version": ["v1", "v2"], "metrics_json": [summed, exact]})
    spark_rows = pd.DataFrame({"version": ["v1", "v2"], "metrics_json": [exact, summed]})
    assert compare_frames("t", duckdb_rows, spark_rows).agrees
    other_version = spark_rows.assign(version=["v1", "v3"])
    assert not compare_frames("t", duckdb_rows, other_version).agrees


def test_comparison_keeps_the_as_of_dates_both_builds_hold():
    history = pd.DataFrame(
        {"as_of_date": ["2025-04-30", "2025-05-31", "2025-06-30"], "customers": [7, 8, 9]}
    )
    one_date = history.tail(1)
    assert compare_frames("t", *on_shared_as_of_dates(history, one_date)).agrees
    changed = one_date.assign(customers=[10])
    assert not compare_frames("t", *on_shared_as_of_dates(history, changed)).agrees
    # no as-of date in common: every row is compared, and the difference shows
    other_date = one_date.assign(as_of_date=["2025-07-31"])
    assert not compare_frames("t", *on_shared_as_of_dates(history, other_date)).agrees
