"""The model registry: one row per segment per feature per fitted model version.

Fits when segmentation_decision says fit or retrain (var segmentation_mode auto, the default,
decides from the data; fit and score override): adds (or replaces) the version for this as-of
date, keeping segment ids and names of a previous version's segments that still exist. When it
says score it adds nothing and scoring uses the stored model.
"""

from bank_segmentation.clustering.decision import decided_action, scoring_rows, to_pandas


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
    decision = to_pandas(dbt.ref("segmentation_decision"))
    action = decided_action(mode or "auto", decision)
    stored = to_pandas(session.sql(f"select * from {dbt.this}")) if dbt.is_incremental else None
    if action == "score":  # the customer features are not even read
        return scoring_rows(stored, decision)
    from bank_segmentation.clustering.dbt_adapter import fit_model_rows  # scikit-learn: fits only

    return fit_model_rows(
        to_pandas(dbt.ref("int_customer_features")),
        to_pandas(dbt.ref("segment_naming_rules")),
        stored,
        settings or {},
        action,
        features_override,
        naming_floors=to_pandas(dbt.ref("feature_name_floors")),
        window=to_pandas(dbt.ref("feature_window")),
    )
