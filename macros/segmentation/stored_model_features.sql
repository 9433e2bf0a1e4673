{% macro stored_model_features(registry=none) %}
    {#- The features any stored model version uses (run time); empty before the first fit. -#}
    {%- set registry = registry or segmentation_model_registry() -%}
    {%- if not execute or load_relation(registry) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set found = run_query('select distinct feature from ' ~ registry) -%}
    {{ return(found.columns[0].values() | map('lower') | list) }}
{% endmacro %}
