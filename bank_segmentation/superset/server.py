"""A local Superset for the published snapshot: its own virtual environment (installed by
`make superset` from bi/superset/requirements.lock), its state in one folder, served by
gunicorn on 127.0.0.1 and stopped with every process it started."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

CONFIG = Path(__file__).resolve().parents[2] / "bi" / "superset" / "superset_config.py"
ADMIN = "admin"
START_TIMEOUT_SECONDS = 180


class SupersetNotInstalledError(RuntimeError):
    pass


@dataclass(frozen=True)
class LocalSuperset:
    venv: Path  # Superset's own virtual environment, never the product's
    home: Path  # its metadata database, secret key, admin password, pid and log
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "gunicorn.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "superset.log"

    @property
    def password_file(self) -> Path:
        return self.home / "admin_password"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "SUPERSET_HOME": str(self.home.resolve()),
            "SUPERSET_CONFIG_PATH": str(CONFIG),
            "FLASK_APP": "superset",
        }

    def _run(self, *arguments: str) -> None:
        executable = self.venv / "bin" / arguments[0]
        if not executable.exists():
            raise SupersetNotInstalledError(f"{executable} missing: `make superset` installs it")
        with self.log_file.open("a") as log:
            subprocess.run(
                [str(executable), *arguments[1:]],
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )

    def initialise(self) -> None:
        """Create the metadata database and the admin once (about 30 s)."""
        self.home.mkdir(parents=True, exist_ok=True)
        if (self.home / "superset.db").exists() and self.password_file.exists():
            return
        (self.home / "secret_key").write_text(secrets.token_urlsafe(42))
        self.password_file.write_text(secrets.token_urlsafe(12))
        self._run("superset", "db", "upgrade")
        self._run(
            "superset", "fab", "create-admin", "--username", ADMIN, "--firstname", "Bank",
            "--lastname", "Analyst", "--email", "admin@localhost",
            "--password", self.password(),
        )  # fmt: skip
        self._run("superset", "init")

    def password(self) -> str:
        return self.password_file.read_text().strip()

    def is_serving(self) -> bool:
        try:
            return requests.get(f"{self.url}/health", timeout=5).ok
        except requests.RequestException:  # refused, or accepted while the app still loads
            return False

    def start(self) -> bool:
        """Serve Superset unless it already is; True when this call started it."""
        if self.is_serving():
            return False
        gunicorn = self.venv / "bin" / "gunicorn"
        with self.log_file.open("a") as log:
            process = subprocess.Popen(
                [
                    str(gunicorn), "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                    "--worker-class", "gthread", "--threads", "4", "--timeout", "120",
                    "superset.app:create_app()",
                ],
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() ends its workers too
            )  # fmt: skip
        self.pid_file.write_text(str(process.pid))
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.is_serving():
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log_file.read_text().splitlines()[-15:]
                raise RuntimeError("Superset did not start:\n" + "\n".join(tail))
            time.sleep(1)
        return True

    def stop(self) -> None:
        if not self.pid_file.exists():
            return
        pid = int(self.pid_file.read_text())
        try:
            os.killpg(pid, signal.SIGTERM)
            for _ in range(30):
                _reap(pid)
                os.killpg(pid, 0)
                time.sleep(0.5)
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.pid_file.unlink()


def _reap(pid: int) -> None:
    """Collect the server if this process started it, so that it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
