{% macro segmentation_model_registry() %}
    {%- if segmentation_model_path() -%}
        {{ return(ref('segmentation_model_imported')) }}
    {%- endif -%}
    {{ return(ref('segmentation_model')) }}
{% endmacro %}
