{#-
    Where the fitted model comes from. By default the dbt Python model segmentation_model fits
    it and customer_segment_assignments (Python) scores with it. With var
    segmentation_model_path (env BANKSEG_SEGMENTATION_MODEL_PATH) naming a Parquet file of a
    registry fitted elsewhere (e.g. by the DuckDB build, `make spark-build`), the Python models
    are disabled, segmentation_model_imported reads that file and the SQL scorer assigns the
    segments: the way to run on an engine whose dbt adapter cannot run Python models.
-#}
{% macro segmentation_model_path() %}
    {{ return(var('segmentation_model_path', env_var('BANKSEG_SEGMENTATION_MODEL_PATH', ''))) }}
{% endmacro %}

{% macro segmentation_model_registry() %}
    {%- if segmentation_model_path() -%}
        {{ return(ref('segmentation_model_imported')) }}
    {%- endif -%}
    {{ return(ref('segmentation_model')) }}
{% endmacro %}

{% macro stored_model_features() %}
    {#- The features any stored model version uses (run time); empty before the first fit. -#}
    {%- set registry = segmentation_model_registry() -%}
    {%- if not execute or load_relation(registry) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set found = run_query('select distinct feature from ' ~ registry) -%}
    {{ return(found.columns[0].values() | map('lower') | list) }}
{% endmacro %}

{% macro segment_assignments() %}
    {#- The scorer the marts read: Python where it runs, else the SQL twin. -#}
    {%- if segmentation_model_path() -%}
        {{ return(ref('customer_segment_assignments_sql')) }}
    {%- endif -%}
    {{ return(ref('customer_segment_assignments')) }}
{% endmacro %}

{% macro parquet_file(path) %}
    {{ return(adapter.dispatch('parquet_file')(path)) }}
{% endmacro %}

{% macro default__parquet_file(path) %}
    read_parquet('{{ path }}')
{% endmacro %}

{% macro spark__parquet_file(path) %}
    parquet.`{{ path }}`
{% endmacro %}

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
