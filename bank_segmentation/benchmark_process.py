"""Running one measured process for the benchmark: wall time, peak memory of the process tree,
a memory cap, and progress lines on stderr."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

PROJECT_DIR = Path(__file__).resolve().parents[1]
HEARTBEAT_SECONDS = 30


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    returncode: int
    model_seconds: dict[str, float] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=dict)


class Progress:
    """One line on stderr when a step starts and ends, and every HEARTBEAT_SECONDS while it
    runs: the scale, the system, elapsed time and, once a run of the same kind finished, an
    estimate of the time left."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.durations: dict[str, list[float]] = {}

    def say(self, text: str) -> None:
        total = time.perf_counter() - self.started
        print(f"[bench {total:7.0f} s] {text}", file=sys.stderr, flush=True)

    @contextmanager
    def step(self, kind: str, label: str) -> Iterator[None]:
        expected = statistics.median(self.durations[kind]) if kind in self.durations else None
        guess = f" (about {expected:.0f} s, as the last one)" if expected else ""
        self.say(f"{label}: started{guess}")
        started = time.perf_counter()
        done = threading.Event()

        def heartbeat() -> None:
            while not done.wait(HEARTBEAT_SECONDS):
                elapsed = time.perf_counter() - started
                left = f", about {max(expected - elapsed, 0):.0f} s left" if expected else ""
                self.say(f"{label}: {elapsed:.0f} s{left}")

        thread = threading.Thread(target=heartbeat, daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()
            elapsed = time.perf_counter() - started
            self.durations.setdefault(kind, []).append(elapsed)
            self.say(f"{label}: done in {elapsed:.1f} s")


def run_measured(
    command: list[str],
    env: dict[str, str],
    timeout: float,
    preexec: Callable[[], None] | None = None,
) -> Run:
    """Run a command; poll the peak resident memory of it and all its children."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=preexec,
    )
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        if time.perf_counter() - started > timeout:
            for child in root.children(recursive=True):
                child.kill()
            process.kill()
            process.wait()
            return Run(time.perf_counter() - started, peak, -999)
        try:
            members = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in members if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return Run(time.perf_counter() - started, peak, process.returncode)


def memory_cap(limit_bytes: int) -> Callable[[], None]:
    """For a child process: its address space capped, so that a run that does not fit fails
    with MemoryError instead of pushing the machine into swap (where no timeout fires)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return cap
