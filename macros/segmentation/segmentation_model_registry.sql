{% macro segmentation_model_registry() %}
    {%- if segmentation_model_path() -%}
        {{ return(ref('segmentation_model_imported')) }}
    {%- endif -%}
    {%- if segmentation_fit() == 'driver' -%}
        {{ return(driver_fit_registry()) }}
    {%- endif -%}
    {{ return(ref('segmentation_model')) }}
{% endmacro %}
