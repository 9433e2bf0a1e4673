{#-
    Where the fitted model comes from. By default the dbt Python model segmentation_model fits
    it. With var segmentation_model_path (env BANKSEG_SEGMENTATION_MODEL_PATH) naming a
    Parquet file of a registry fitted elsewhere (e.g. by the DuckDB build, `make
    spark-build`), the Python model is disabled and segmentation_model_imported reads that
    file: the way to run on an engine whose dbt adapter cannot run Python models. Either way
    customer_segment_assignments (SQL) scores with it.
-#}
{% macro segmentation_model_path() %}
    {{ return(var('segmentation_model_path', none) or env_var('BANKSEG_SEGMENTATION_MODEL_PATH', '')) }}
{% endmacro %}
