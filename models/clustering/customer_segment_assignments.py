"""One row per customer per as-of date: segment under the stored model, distance to its
centroid, runner-up segment and margin."""

from bank_segmentation.clustering.dbt_adapter import assignment_rows, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    model_version = dbt.config.get("segmentation_model_version")
    features = to_pandas(dbt.ref("int_customer_features"))
    stored = to_pandas(dbt.ref("segmentation_model"))
    return assignment_rows(features, stored, model_version or None)
