"""make lint renders the incremental branch of the month models through one switch (var
lint_data_dependent_branches, read by macro first_month_to_process): a model that branched on
is_incremental() by itself would have a branch that no lint pass renders."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_sql_models_branch_on_incremental_only_through_first_month_to_process() -> None:
    direct = [
        path.relative_to(PROJECT).as_posix()
        for path in sorted((PROJECT / "models").rglob("*.sql"))
        if "is_incremental()" in path.read_text()
    ]
    assert direct == [], (
        f"use first_month_to_process() so make lint renders both branches: {direct}"
    )
