"""The dbt Python models as dbt-spark (or Databricks) would call them: a stub `dbt` whose
ref() returns real local PySpark DataFrames. The models convert at the edge (to_pandas), so
they must give what they give on DuckDB."""

from __future__ import annotations

import importlib.util
import os
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from bank_segmentation.clustering.dbt_adapter import fit_model_rows
from python_tests.dbt_helpers import PROJECT_DIR
from python_tests.test_clustering_core import FEATURES, blobs

if TYPE_CHECKING:  # PySpark is installed for make spark-test only, not for make test
    from pyspark import sql as pyspark_sql

# PySpark 4.3 warns that its pandas 3 support is not final; these tests are what checks it.
pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

SETTINGS = {"features": list(FEATURES), "k_min": 2, "k_max": 4, "n_init": 3}
RULES = pd.DataFrame(
    {
        "segment_name": ["big"],
        "priority": [1],
        "feature": ["spend"],
        "min_z": [1.0],
        "max_z": [float("nan")],
        "description": ["Spend a lot"],
    }
)

CATALOGUE = pd.DataFrame(  # the naming columns of seed feature_catalogue
    {
        "feature": ["spend"],
        "high_min_value": [1.0],
        "low_max_value": [float("nan")],
        "name_words": ["spend"],
    }
)


def load_python_model(name: str) -> ModuleType:
    path = PROJECT_DIR / "models" / "clustering" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class StubConfig:
    def __init__(self, values: dict):
        self.values = values

    def __call__(self, **_: object) -> None:
        return None

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


class StubDbt:
    """The parts of dbt's Python-model API the models use."""

    is_incremental = False
    this = "unused"

    def __init__(self, refs: dict[str, object], config: dict):
        self.refs = refs
        self.config = StubConfig(config)

    def ref(self, name: str) -> object:
        return self.refs[name]


@pytest.fixture(scope="module")
def spark(tmp_path_factory) -> pyspark_sql.SparkSession:
    from pyspark import sql as pyspark_sql

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    warehouse = tmp_path_factory.mktemp("spark")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("bank-segmentation-tests")
        .config("spark.sql.warehouse.dir", str(warehouse / "warehouse"))
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={warehouse}")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_python_models_take_pyspark_dataframes_and_match_pandas(spark):
    features = blobs(80, seed=21)
    spark_features = spark.createDataFrame(features)
    spark_rules = spark.createDataFrame(RULES)
    window = spark.createDataFrame(
        pd.DataFrame(
            {
                "as_of_date": [pd.Timestamp("2025-06-30")],
                "window_start_date": [pd.Timestamp("2025-01-01")],
                "lookback_months": [6],
                "window_months": [6],
            }
        )
    )

    fitted = load_python_model("segmentation_model").model(
        StubDbt(
            {
                "segmentation_fit_sample": spark_features,
                "segment_naming_rules": spark_rules,
                "feature_catalogue": spark.createDataFrame(CATALOGUE),
                "feature_window": window,
                "segmentation_decision": spark.createDataFrame(
                    pd.DataFrame(
                        {
                            "as_of_date": [pd.Timestamp("2025-06-30")],
                            "action": ["fit"],
                            "stored_model_version": ["none"],
                        }
                    )
                ),
            },
            {"segmentation": SETTINGS, "segmentation_mode": "fit"},
        ),
        spark,
    )
    expected_model = fit_model_rows(
        features,
        RULES,
        None,
        SETTINGS,
        "fit",
        feature_catalogue=CATALOGUE,
        window=window.toPandas(),
    )
    pd.testing.assert_frame_equal(
        fitted.reset_index(drop=True), expected_model.reset_index(drop=True), check_dtype=False
    )
