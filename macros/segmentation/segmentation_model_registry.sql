{% macro segmentation_model_registry() %}
    {%- if segmentation_model_path() -%}
        {{ return(ref('segmentation_model_imported')) }}
    {%- endif -%}
    {%- if segmentation_fit() == 'driver' -%}
        {{ return(source('fitted_on_driver', 'segmentation_model')) }}
    {%- endif -%}
    {{ return(ref('segmentation_model')) }}
{% endmacro %}
