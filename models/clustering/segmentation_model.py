"""The model registry: one row per segment per feature per fitted model version.

Fits when segmentation_decision says fit or retrain (var segmentation_mode auto, the default,
decides from the data; fit and score override): adds (or replaces) the version for this as-of
date, fitted on segmentation_fit_sample, keeping segment ids and names of a previous version's
segments that still exist. When it says score it adds nothing and scoring uses the stored
model. A driver fit (bank_segmentation.driver_fit, on Spark) runs the same registry_rows.
"""

from bank_segmentation.clustering.decision import FitInputs, registry_rows, to_pandas


def model(dbt, session):
    dbt.config(
        materialized="incremental",
        unique_key="model_version",
        incremental_strategy="delete+insert",
        on_schema_change="append_new_columns",  # registries built before a column existed
    )
    mode = dbt.config.get("segmentation_mode")
    settings = dbt.config.get("segmentation")
    features_override = dbt.config.get("segmentation_features")
    stored = to_pandas(session.sql(f"select * from {dbt.this}")) if dbt.is_incremental else None
    # relations, read (to_pandas) only when the build fits: a scoring month reads no features
    sample = dbt.ref("segmentation_fit_sample")
    naming_rules = dbt.ref("segment_naming_rules")
    catalogue = dbt.ref("feature_catalogue")
    window = dbt.ref("feature_window")
    return registry_rows(
        mode,
        to_pandas(dbt.ref("segmentation_decision")),
        stored,
        settings,
        features_override,
        lambda: FitInputs(
            sample=to_pandas(sample),
            naming_rules=to_pandas(naming_rules),
            feature_catalogue=to_pandas(catalogue),
            window=to_pandas(window),
        ),
    )
