"""The local Spark cluster (bank_segmentation.spark_cluster): a standalone master, two workers
and the Thrift server start from the pinned PySpark distribution, a query sent through thrift
(PyHive, as dbt-spark's thrift method sends it) runs on executors of both workers, the project
builds on it through dbt-spark's thrift method with its own fit on the driver
(bank_segmentation.driver_fit), the registry, every mart and the quarantine equal to the DuckDB
build's (the dbt Python model's fit), and `down` leaves no process behind. Not in `make test`
(a build through the cluster takes about five minutes): `make spark-test`, a CI step of its
own."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from bank_segmentation.engine_comparison import compare_builds, compared_tables
from bank_segmentation.spark_cluster import Cluster, down, up
from python_tests.dbt_helpers import PROJECT_DIR
from python_tests.messy_extract import BUILD

pytestmark = pytest.mark.spark


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cluster_on_free_ports(home: Path) -> Cluster:
    return Cluster(
        home=home, master_port=free_port(), master_webui_port=free_port(), thrift_port=free_port()
    )


def executors_of(worker: psutil.Process) -> list[psutil.Process]:
    executors = []
    for child in worker.children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a launcher that already exited
            if "CoarseGrainedExecutorBackend" in " ".join(child.cmdline()):
                executors.append(child)
    return executors


def alive(process: psutil.Process) -> bool:
    with contextlib.suppress(psutil.Error):
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    return False


def test_cluster_runs_a_query_through_thrift_on_both_workers_and_stops_clean(tmp_path):
    from pyhive import hive

    cluster = cluster_on_free_ports(tmp_path / "cluster")
    pids = up(cluster)
    processes = [psutil.Process(pid) for pid in pids.values()]
    try:
        assert set(pids) == {"master", "worker-1", "worker-2", "thrift-server"}
        connection = hive.connect(host=cluster.host, port=cluster.thrift_port, username="test")
        cursor = connection.cursor()
        cursor.execute("set spark.master")
        assert cluster.master_url in str(cursor.fetchall())
        # more tasks than cores, so both workers' executors take some
        cursor.execute("select count(*) from range(0, 2000000, 1, 8)")
        assert cursor.fetchall() == [(2_000_000,)]
        connection.close()
        executors = [
            executor
            for name, pid in pids.items()
            if name.startswith("worker-")
            for executor in executors_of(psutil.Process(pid))
        ]
        assert len(executors) == 2  # one per worker, each a JVM of its own
        processes += executors
    finally:
        left = down(cluster)
    assert left == []
    assert not any(alive(p) for p in processes)


def test_the_project_builds_and_fits_on_the_cluster_through_thrift_as_on_duckdb(
    messy_raw: Path, messy_warehouse, tmp_path: Path
):
    database, _ = messy_warehouse
    cluster = cluster_on_free_ports(tmp_path / "cluster")
    pids = up(cluster)
    processes = [psutil.Process(pid) for pid in pids.values()]
    try:
        env = {
            **os.environ,
            "BANKSEG_TARGET": "spark_cluster",
            "BANKSEG_SPARK_PORT": str(cluster.thrift_port),
            "BANKSEG_RAW_DATA_PATH": str(messy_raw),
        }
        env.pop("BANKSEG_SEGMENTATION_MODEL_PATH", None)
        command = [
            sys.executable,
            "-m",
            "bank_segmentation.driver_fit",
            *("--exchange", str(tmp_path / "exchange")),
            *BUILD[1:],
            *("--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)),
            *("--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, f"build through thrift failed:\n{result.stdout[-6000:]}"
        assert "driver fit: fitted version" in result.stdout
        processes += [c for p in processes if alive(p) for c in p.children(recursive=True)]
    finally:
        left = down(cluster)
    assert left == [] and not any(alive(p) for p in processes)
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    tables = compared_tables(manifest)
    assert "segmentation_model" in tables  # the cluster's own fit, against the Python model's
    comparisons = compare_builds(database, cluster.warehouse / "bank_segmentation.db", tables)
    differing = {c.table: c.differences for c in comparisons if not c.agrees}
    assert not differing, differing
    rows = {c.table: c.rows for c in comparisons}
    assert rows["customer_segments"] > 500 and rows["quarantined_rows"] > 10
