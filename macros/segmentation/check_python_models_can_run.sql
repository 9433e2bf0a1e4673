{% macro check_python_models_can_run() %}
    {#-
        on-run-start. The spark target (dbt-spark) runs dbt Python models only on Databricks
        clusters: there the model is fitted on the driver (var segmentation_fit driver) or
        imported. A driver fit happens between two dbt builds, so one build cannot both decide
        about the model and score with it.
    -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- if target.type == 'spark'
        and 'model.bank_segmentation.segmentation_model' in selected_resources -%}
        {{ exceptions.raise_compiler_error(
            "segmentation_model is a dbt Python model and the spark target (dbt-spark) "
            ~ "cannot run Python models without a Databricks cluster. Rule: on this target, fit "
            ~ "on the driver: `python -m bank_segmentation.driver_fit` (make "
            ~ "spark-cluster-build) builds the layers, fits and builds the rest; or score with "
            ~ "a model fitted elsewhere: var segmentation_model_path (env "
            ~ "BANKSEG_SEGMENTATION_MODEL_PATH), as `make spark-build` does.") }}
    {%- endif -%}
    {%- if segmentation_fit() == 'driver' and not segmentation_model_path()
        and 'model.bank_segmentation.segmentation_decision' in selected_resources
        and 'model.bank_segmentation.customer_segment_assignments' in selected_resources -%}
        {{ exceptions.raise_compiler_error(
            "segmentation_fit is 'driver': the model is fitted between the build of "
            ~ "segmentation_decision and that of customer_segment_assignments, so one dbt "
            ~ "command cannot build both. Rule: run `python -m bank_segmentation.driver_fit` "
            ~ "(selectors segmentation_fit_inputs, then after_segmentation_fit).") }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
