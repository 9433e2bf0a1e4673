"""A dbt-duckdb plugin (profiles.yml, `plugins`): a build that finds the warehouse file held by
another process stops at once with a message that says so, and the other build goes on.

DuckDB admits one writer per file and no reader beside it; its own error ("Could not set lock
on file ... Conflicting lock is held in ... (PID ...)") is kept at the end of the message.
"""

from __future__ import annotations

from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin


class WarehouseBusyError(RuntimeError):
    """Another process (a build, a dashboard, a notebook) holds the warehouse file."""


def busy_message(path: str, error: Exception) -> str:
    return (
        f"Another build (or another program) holds the warehouse {path}: DuckDB admits one "
        "writer per file. This build stops here and the other one goes on; run again when it "
        f"has ended, or point BANKSEG_DUCKDB_PATH at another file. DuckDB said: {error}"
    )


def check_warehouse_is_free(path: str, config: dict[str, Any]) -> None:
    """Open the warehouse file as the build will, and close it again; raise
    WarehouseBusyError when another process holds it."""
    if path == ":memory:":
        return
    try:
        duckdb.connect(path, read_only=False, config=config).close()
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise WarehouseBusyError(busy_message(path, error)) from error
        raise


class Plugin(BasePlugin):
    def update_connection_config(self, creds, config: dict[str, Any]) -> None:
        check_warehouse_is_free(creds.path, config)
