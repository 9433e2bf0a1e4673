{#-
    Where this warehouse's model is fitted (var segmentation_fit, env BANKSEG_SEGMENTATION_FIT):
    python_model, the default: by the dbt Python model segmentation_model, inside dbt build.
    driver: by the Python process that runs dbt (bank_segmentation.driver_fit: the layers up to
    the fit sample, the fit, then the rest), which writes the registry table
    segmentation_model itself; for engines whose dbt adapter runs no Python models (Spark).
-#}
{% macro segmentation_fit() %}
    {%- set where = var('segmentation_fit', none) or env_var('BANKSEG_SEGMENTATION_FIT', 'python_model') -%}
    {%- if where not in ('python_model', 'driver') -%}
        {{ exceptions.raise_compiler_error(
            "var segmentation_fit (env BANKSEG_SEGMENTATION_FIT): '" ~ where
            ~ "' is not one of python_model, driver") }}
    {%- endif -%}
    {{ return(where) }}
{% endmacro %}
