"""Command line: build the project with the model fitted in this process, on engines whose dbt
adapter runs no Python models (Spark, through thrift or in session):

    python -m bank_segmentation.driver_fit [--exchange DIR] [dbt options] [-- build options]

with the dbt options every dbt command takes (--target, --vars, --target-path, --log-path,
--project-dir, --profiles-dir), and after `--` those only `dbt build` takes (e.g.
--exclude-resource-type unit_test), in three steps, dbt called in this process:

1. `dbt build --selector segmentation_fit_inputs`: the layers up to the fit sample
   (segmentation_fit_sample) and the decision (segmentation_decision), with their tests.
2. The fit. The engine writes the decision and the stored registry as Parquet into DIR
   (run-operation export_for_driver_fit); when the decision fits, the fit sample, the naming
   seeds and the feature window too. The same code and settings as the dbt Python model
   segmentation_model fit here (clustering.decision.registry_rows, the settings read from that
   model's config), and the registry with the new version becomes the table of source
   fitted_on_driver (run-operation load_model_registry). A month that scores writes
   nothing.
3. `dbt build --selector after_segmentation_fit`: the scoring, the marts and their tests.

DIR (env BANKSEG_FIT_EXCHANGE_PATH, default warehouse/driver_fit) must be a folder that this
process and the engine's executors both read and write: a local folder for a cluster on this
machine, a shared mount for a bank's cluster. Only the fit sample crosses it (at most var
max_fit_rows customers), never the whole feature table. Where the time went (each step's
wall time, dbt's elapsed time and node times) is written to DIR/timings.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from dbt.cli.main import dbtRunner, dbtRunnerResult

from bank_segmentation.clustering.decision import FitInputs, registry_rows
from bank_segmentation.clustering.persistence import registry_with

log = logging.getLogger("bank_segmentation.driver_fit")

PYTHON_MODEL = "model.bank_segmentation.segmentation_model"
# the exchanged files: the stored registry (source fitted_on_driver) and the one fitted here
REGISTRY = "stored_segmentation_model"
REGISTRY_FILE = "segmentation_model_fitted.parquet"
TIMINGS_FILE = "timings.json"
DECISION = "segmentation_decision"
FIT_INPUTS = [
    "segmentation_fit_sample",
    "segment_naming_rules",
    "feature_catalogue",
    "feature_window",
]


class DriverFitFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class FitSettings:
    """segmentation_model's config, as the dbt Python model reads it (dbt.config.get)."""

    mode: str | None
    segmentation: dict[str, Any]
    features_override: str | None

    @classmethod
    def from_manifest(cls, manifest: Any) -> FitSettings:
        nodes = manifest.disabled.get(PYTHON_MODEL) or [
            node for unique_id, node in manifest.nodes.items() if unique_id == PYTHON_MODEL
        ]
        if not nodes:
            raise DriverFitFailed(
                f"{PYTHON_MODEL} is not in the parsed project: the driver fit takes its "
                "settings from that model's config (models/clustering/segmentation_model.py)"
            )
        config = nodes[0].config
        return cls(
            mode=config.get("segmentation_mode"),
            segmentation=dict(config.get("segmentation") or {}),
            features_override=config.get("segmentation_features"),
        )


def read_exchanged(path: Path) -> pd.DataFrame:
    """A table the engine wrote (a Parquet file, or a folder of part files), with decimals as
    floats and dates as timestamps, as a DuckDB relation's .df() gives them to the Python
    model."""
    table = pq.read_table(path)
    decimals = [i for i, f in enumerate(table.schema) if pa.types.is_decimal(f.type)]
    for i in decimals:
        table = table.set_column(i, table.field(i).name, table.column(i).cast(pa.float64()))
    return table.to_pandas(date_as_object=False)


def failure_of(result: dbtRunnerResult) -> str:
    if result.exception is not None:
        return str(result.exception)
    failed = [
        # a run-operation's result names no node
        getattr(getattr(node_result, "node", None), "name", None) or node_result.unique_id
        for node_result in getattr(result.result, "results", None) or []
        if str(node_result.status) in ("error", "fail")
    ]
    return f"{', '.join(failed) or 'a node'} (dbt's log above says why)"


def step_timing(step: str, seconds: float, result: dbtRunnerResult | None = None) -> dict:
    """A step's wall time and, for a dbt build, dbt's elapsed time and each node's time."""
    timing: dict[str, Any] = {"step": step, "seconds": seconds}
    if result is not None:
        timing["elapsed"] = result.result.elapsed_time
        timing["node_seconds"] = {r.node.unique_id: r.execution_time for r in result.result.results}
    return timing


class DriverFit:
    """The three steps, with one parsed manifest shared by every dbt call."""

    def __init__(self, exchange: Path, dbt_args: list[str], build_args: list[str]):
        self.exchange = exchange
        self.dbt_args = dbt_args
        self.build_args = build_args
        started = time.perf_counter()
        parsed = self.dbt(dbtRunner(), ["parse"])
        self.timings = [step_timing("parse", time.perf_counter() - started)]
        self.settings = FitSettings.from_manifest(parsed.result)
        self.runner = dbtRunner(manifest=parsed.result)

    def dbt(self, runner: dbtRunner, command: list[str]) -> dbtRunnerResult:
        result = runner.invoke([*command, *self.dbt_args])
        if not result.success:
            raise DriverFitFailed(f"dbt {' '.join(command[:3])} failed: {failure_of(result)}")
        return result

    def export(self, names: list[str], registry_as: str | None = None) -> None:
        arguments = json.dumps(
            {"names": names, "folder": str(self.exchange), "registry_as": registry_as}
        )
        self.dbt(self.runner, ["run-operation", "export_for_driver_fit", "--args", arguments])

    def exchanged(self, name: str) -> pd.DataFrame | None:
        path = self.exchange / f"{name}.parquet"
        return read_exchanged(path) if path.exists() else None

    def fit_inputs(self) -> FitInputs:
        self.export(FIT_INPUTS)
        sample, rules, catalogue, window = (self.exchanged(name) for name in FIT_INPUTS)
        return FitInputs(
            sample=sample, naming_rules=rules, feature_catalogue=catalogue, window=window
        )

    def clear_exchange(self) -> None:
        """Remove what an earlier fit left in the exchange folder (its own files only: the
        folder may hold other things), so that no stale table is read as this month's."""
        self.exchange.mkdir(parents=True, exist_ok=True)
        written = [f"{name}.parquet" for name in (DECISION, REGISTRY, *FIT_INPUTS)]
        for name in (*written, REGISTRY_FILE, TIMINGS_FILE):
            path = self.exchange / name
            if path.is_dir():
                shutil.rmtree(path)  # Spark writes a table as a folder of part files
            else:
                path.unlink(missing_ok=True)

    def fit(self) -> str:
        """Fits or scores as segmentation_decision says; what it did, in a sentence."""
        self.clear_exchange()
        self.export([DECISION], registry_as=REGISTRY)
        decision, stored = self.exchanged(DECISION), self.exchanged(REGISTRY)
        added = registry_rows(
            self.settings.mode,
            decision,
            stored,
            self.settings.segmentation,
            self.settings.features_override,
            self.fit_inputs,
        )
        if added.empty:
            return f"scored with the stored version {decision['stored_model_version'].iloc[0]}"
        registry_file = self.exchange / REGISTRY_FILE
        registry = registry_with(stored, added)
        pq.write_table(pa.Table.from_pandas(registry, preserve_index=False), registry_file)
        arguments = json.dumps({"path": str(registry_file)})
        self.dbt(self.runner, ["run-operation", "load_model_registry", "--args", arguments])
        first = added.iloc[0]
        return (
            f"fitted version {first['model_version']}: k={first['k']} on "
            f"{first['training_customers']:,} customers, verdict {first['verdict']}"
        )

    def build_step(self, selector: str) -> None:
        started = time.perf_counter()
        result = self.dbt(self.runner, ["build", "--selector", selector, *self.build_args])
        self.timings.append(step_timing(selector, time.perf_counter() - started, result))

    def build(self) -> str:
        self.build_step("segmentation_fit_inputs")
        started = time.perf_counter()
        done = self.fit()
        self.timings.append(step_timing("fit", time.perf_counter() - started))
        self.build_step("after_segmentation_fit")
        (self.exchange / TIMINGS_FILE).write_text(json.dumps(self.timings))
        return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--exchange",
        type=Path,
        default=Path(os.environ.get("BANKSEG_FIT_EXCHANGE_PATH", "warehouse/driver_fit")),
        help="a folder this process and the engine both read and write",
    )
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args, dbt_args = parser.parse_known_args(argv[:split])
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ["BANKSEG_SEGMENTATION_FIT"] = "driver"
    try:
        done = DriverFit(args.exchange.resolve(), dbt_args, argv[split + 1 :]).build()
    except DriverFitFailed as error:
        print(f"driver fit: {error}", file=sys.stderr)
        return 1
    print(f"driver fit: {done}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
