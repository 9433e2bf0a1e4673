"""Command line: a Spark standalone cluster on this machine, started from the pinned PySpark
distribution (no download): a master, workers as separate JVMs, and the Spark Thrift Server
running on that cluster, the endpoint dbt-spark's `thrift` method connects to (as it would to
a bank's EMR, Dataproc or Cloudera cluster). `down` stops every process `up` started, and
their children (the executors), and says if one is left.

    python -m bank_segmentation.spark_cluster up --home warehouse/spark-cluster
    python -m bank_segmentation.spark_cluster down --home warehouse/spark-cluster
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
THRIFT_SERVER_CLASS = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2"
STOP_SECONDS = 30


@dataclass(frozen=True)
class Cluster:
    """Where the cluster keeps its state (pids, logs, warehouse, metastore) and its shape."""

    home: Path
    host: str = "127.0.0.1"
    master_port: int = 7077
    master_webui_port: int = 8080  # its /json says which workers are alive
    thrift_port: int = 10000
    workers: int = 2
    worker_cores: int = 1
    worker_memory: str = "2g"
    executor_memory: str = "1536m"
    shuffle_partitions: int = 4

    @property
    def master_url(self) -> str:
        return f"spark://{self.host}:{self.master_port}"

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse"

    @property
    def pid_file(self) -> Path:
        return self.home / "pids.json"


def spark_home() -> Path:
    """The Spark distribution inside the installed PySpark package."""
    import pyspark

    return Path(pyspark.__file__).parent


def master_command(cluster: Cluster) -> list[str]:
    return [
        str(spark_home() / "bin" / "spark-class"),
        MASTER_CLASS,
        "--host",
        cluster.host,
        "--port",
        str(cluster.master_port),
        "--webui-port",
        str(cluster.master_webui_port),
    ]


def worker_command(cluster: Cluster, number: int) -> list[str]:
    return [
        str(spark_home() / "bin" / "spark-class"),
        WORKER_CLASS,
        "--host",
        cluster.host,
        "--cores",
        str(cluster.worker_cores),
        "--memory",
        cluster.worker_memory,
        "--work-dir",
        str(cluster.home / f"worker-{number}"),
        "--webui-port",
        "0",
        cluster.master_url,
    ]


def thrift_server_command(cluster: Cluster) -> list[str]:
    """The Thrift server as a Spark application on the cluster: its driver holds the Hive
    metastore (Derby, under home) and the warehouse folder; the executors run on the
    workers."""
    conf = {
        "spark.sql.warehouse.dir": str(cluster.warehouse),
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": str(cluster.shuffle_partitions),
        "spark.executor.memory": cluster.executor_memory,
        "spark.cores.max": str(cluster.workers * cluster.worker_cores),
    }
    command = [
        str(spark_home() / "bin" / "spark-submit"),
        "--class",
        THRIFT_SERVER_CLASS,
        "--master",
        cluster.master_url,
        "--name",
        "bank_segmentation thrift server",
        "--driver-java-options",
        f"-Dderby.system.home={cluster.home} -Djava.io.tmpdir={cluster.home / 'tmp'}",
    ]
    for key, value in conf.items():
        command += ["--conf", f"{key}={value}"]
    hive_conf = {
        "hive.server2.thrift.port": str(cluster.thrift_port),
        "hive.server2.thrift.bind.host": cluster.host,
    }
    for key, value in hive_conf.items():
        command += ["--hiveconf", f"{key}={value}"]
    return command


def spark_environment(cluster: Cluster) -> dict[str, str]:
    conf_dir = cluster.home / "conf"  # empty: no spark-defaults from elsewhere
    conf_dir.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "SPARK_HOME": str(spark_home()),
        "SPARK_CONF_DIR": str(conf_dir),
        "SPARK_LOG_DIR": str(cluster.home / "logs"),
        "SPARK_LOCAL_IP": cluster.host,
        "PYSPARK_PYTHON": sys.executable,
    }


def port_open(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def start(name: str, command: list[str], cluster: Cluster) -> int:
    """One process in its own session (so down stops it with its children), logging to
    home/logs/<name>.log."""
    log_dir = cluster.home / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / f"{name}.log", "ab") as log:
        process = subprocess.Popen(
            command,
            env=spark_environment(cluster),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return process.pid


def wait_until(ready: Callable[[], bool], what: str, timeout: float, cluster: Cluster) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"spark cluster: {what} not ready after {timeout:.0f} s; see the logs in "
                f"{cluster.home / 'logs'}"
            )
        time.sleep(1)


def workers_alive(cluster: Cluster) -> int:
    """Workers the master counts as alive (its web UI's JSON status); 0 while it cannot say."""
    url = f"http://{cluster.host}:{cluster.master_webui_port}/json/"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(json.load(response).get("aliveworkers", 0))
    except (OSError, ValueError):
        return 0


def up(cluster: Cluster, timeout: float = 180) -> dict[str, int]:
    """Start the master, the workers and the Thrift server; return their pids once the
    Thrift port answers."""
    if cluster.pid_file.exists():
        raise RuntimeError(f"spark cluster: already up ({cluster.pid_file}); run down first")
    for port in (cluster.master_port, cluster.master_webui_port, cluster.thrift_port):
        if port_open(cluster.host, port):
            raise RuntimeError(f"spark cluster: port {port} on {cluster.host} is taken")
    cluster.home.mkdir(parents=True, exist_ok=True)
    (cluster.home / "tmp").mkdir(exist_ok=True)
    # Each step's processes, then what says they are ready before the next step starts.
    steps = [
        (
            "master",
            [("master", master_command(cluster))],
            lambda: (
                port_open(cluster.host, cluster.master_port)
                and port_open(cluster.host, cluster.master_webui_port)
            ),
        ),
        (
            f"{cluster.workers} workers",
            [(f"worker-{n}", worker_command(cluster, n)) for n in range(1, cluster.workers + 1)],
            lambda: workers_alive(cluster) >= cluster.workers,
        ),
        (
            "thrift server",
            [("thrift-server", thrift_server_command(cluster))],
            lambda: port_open(cluster.host, cluster.thrift_port),
        ),
    ]
    pids: dict[str, int] = {}
    try:
        for what, processes, ready in steps:
            for name, command in processes:
                pids[name] = start(name, command, cluster)
                cluster.pid_file.write_text(json.dumps(pids))
            wait_until(ready, what, timeout, cluster)
    except BaseException:
        down(cluster)
        raise
    return pids


def process_tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def down(cluster: Cluster) -> list[int]:
    """Stop every process up started and their children (executors); return the pids still
    alive afterwards (none when all went)."""
    if not cluster.pid_file.exists():
        return []
    pids = json.loads(cluster.pid_file.read_text())
    processes = [p for pid in reversed(pids.values()) for p in process_tree(pid)]
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.send_signal(signal.SIGTERM)
    _, alive = psutil.wait_procs(processes, timeout=STOP_SECONDS)
    for process in alive:
        process.kill()
    _, alive = psutil.wait_procs(alive, timeout=5)
    cluster.pid_file.unlink()
    return [p.pid for p in alive]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["up", "down"])
    parser.add_argument("--home", type=Path, required=True, help="state, logs, warehouse")
    parser.add_argument("--thrift-port", type=int, default=Cluster.thrift_port)
    parser.add_argument("--master-port", type=int, default=Cluster.master_port)
    args = parser.parse_args(argv)
    cluster = Cluster(
        home=args.home.resolve(), thrift_port=args.thrift_port, master_port=args.master_port
    )
    if args.action == "up":
        try:
            pids = up(cluster)
        except (RuntimeError, TimeoutError) as problem:
            print(problem, file=sys.stderr)
            return 1
        print(
            f"spark cluster up: {cluster.master_url}, thrift {cluster.host}:"
            f"{cluster.thrift_port}, pids {pids}"
        )
        return 0
    left = down(cluster)
    if left:
        print(f"spark cluster: processes still alive after down: {left}", file=sys.stderr)
        return 1
    print("spark cluster down: no process left")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
