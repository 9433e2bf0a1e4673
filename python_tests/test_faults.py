"""Faults: a build killed in the middle and run again gives the marts of an uninterrupted build,
and a build started while another holds the warehouse stops with a message that says so,
leaving the other one unharmed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

from python_tests.dbt_helpers import PROJECT_DIR, describe_failure, run_dbt
from python_tests.messy_extract import BUILD, MARTS

DBT = str(Path(sys.executable).parent / "dbt")


def start_build(raw: Path, database: Path, log: Path) -> subprocess.Popen:
    """`dbt build` in its own process (so that it can be killed), its output in `log`."""
    env = {
        **os.environ,
        "BANKSEG_RAW_DATA_PATH": str(raw),
        "BANKSEG_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
    }
    command = [
        DBT,
        *BUILD,
        "--project-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(log.parent / f"target_{log.stem}"),
        "--log-path",
        str(log.parent / f"logs_{log.stem}"),
    ]
    return subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def wait_for_line(log: Path, text: str, build: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text():
        assert build.poll() is None, f"the build ended before '{text}':\n{log.read_text()}"
        assert time.monotonic() < deadline, f"no '{text}' after {timeout} s"
        time.sleep(0.2)


def marts(database: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {mart: connection.sql(f"select * from {mart}").df() for mart in MARTS}


def test_a_killed_build_runs_again_and_a_second_build_waits_its_turn(
    messy_raw, messy_warehouse, tmp_path
):
    _, uninterrupted = messy_warehouse
    database = tmp_path / "faults.duckdb"
    killed_log, rerun_log = tmp_path / "killed.log", tmp_path / "rerun.log"

    killed = start_build(messy_raw, database, killed_log)
    wait_for_line(
        killed_log, "START sql incremental model main.int_account_months_balanced", killed
    )
    killed.send_signal(signal.SIGKILL)
    killed.wait()

    rerun = start_build(messy_raw, database, rerun_log)
    wait_for_line(rerun_log, "START sql view model main.base_core_banking__transactions", rerun)
    second = run_dbt(BUILD, raw_path=messy_raw, database=database, expect_success=False)
    message = describe_failure(second)
    assert not second.success
    assert f"Another build (or another program) holds the warehouse {database}" in message
    assert "This build stops here and the other one goes on" in message

    assert rerun.wait(timeout=600) == 0, rerun_log.read_text()[-3000:]
    for mart, rebuilt in marts(database).items():
        key = list(rebuilt.columns[: min(3, len(rebuilt.columns))])
        pd.testing.assert_frame_equal(
            uninterrupted[mart].sort_values(key).reset_index(drop=True),
            rebuilt.sort_values(key).reset_index(drop=True),
            obj=mart,
        )
