"""Run dbt in-process (dbtRunner) against a given raw folder and warehouse file."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dbt.cli.main import dbtRunner, dbtRunnerResult

PROJECT_DIR = Path(__file__).resolve().parents[1]
BI_TAG = "bi"


class DbtFailed(AssertionError):
    """dbt returned an error; the message carries what dbt said."""


def run_dbt(
    args: Sequence[str],
    *,
    raw_path: Path,
    database: Path,
    extra_env: dict[str, str] | None = None,
    expect_success: bool = True,
    target_path: Path | None = None,
    project_dir: Path = PROJECT_DIR,
) -> dbtRunnerResult:
    env = {
        "BANKSEG_RAW_DATA_PATH": str(raw_path),
        "BANKSEG_DUCKDB_PATH": str(database),
        **(extra_env or {}),
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        result = dbtRunner().invoke(
            [
                *args,
                "--project-dir",
                str(project_dir),
                "--profiles-dir",
                str(project_dir),
                "--target-path",
                str(target_path or database.parent / "target"),
                "--log-path",
                str(database.parent / "logs"),
                "--no-partial-parse",
            ]
        )
    finally:
        release_duckdb_file()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if expect_success and not result.success:
        raise DbtFailed(f"dbt {' '.join(args)} failed: {describe_failure(result)}")
    return result


def release_duckdb_file() -> None:
    """dbt-duckdb keeps its database open in a process-wide environment after the run; close it
    so tests (and the next dbt run with other settings) can open the file."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def describe_failure(result: dbtRunnerResult) -> str:
    if result.exception is not None:
        return str(result.exception)
    messages: list[str] = []
    outcome: Any = result.result
    for node_result in getattr(outcome, "results", []) or []:
        if str(node_result.status) in ("error", "fail", "warn"):
            messages.append(f"{node_result.node.name}: {node_result.message}")
    return "; ".join(messages) or "unknown failure"


def bi_marts(dbt_manifest: Path) -> list[str]:
    """The models tagged bi (in dbt_project.yml) in a dbt manifest, by name."""
    nodes = json.loads(dbt_manifest.read_text())["nodes"].values()
    return sorted(
        node["name"]
        for node in nodes
        if node["resource_type"] == "model" and BI_TAG in node["config"]["tags"]
    )
