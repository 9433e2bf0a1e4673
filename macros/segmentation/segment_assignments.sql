{% macro segment_assignments() %}
    {#- The scorer the marts read: Python where it runs, else the SQL twin. -#}
    {%- if segmentation_model_path() -%}
        {{ return(ref('customer_segment_assignments_sql')) }}
    {%- endif -%}
    {{ return(ref('customer_segment_assignments')) }}
{% endmacro %}
