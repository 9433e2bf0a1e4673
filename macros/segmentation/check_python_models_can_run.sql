{% macro check_python_models_can_run() %}
    {#-
        on-run-start: the spark target (dbt-spark) runs dbt Python models only on Databricks
        clusters; on Databricks use the dbt-databricks adapter (type databricks) instead.
    -#}
    {%- if execute and target.type == 'spark'
        and 'model.bank_segmentation.segmentation_model' in selected_resources -%}
        {{ exceptions.raise_compiler_error(
            "segmentation_model is a dbt Python model and the spark target (dbt-spark) "
            ~ "cannot run Python models without a Databricks cluster. Rule: on this target, "
            ~ "score with a model fitted elsewhere: set var segmentation_model_path (env "
            ~ "BANKSEG_SEGMENTATION_MODEL_PATH) to its Parquet export, as `make spark-build` "
            ~ "does.") }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
