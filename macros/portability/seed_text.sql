{% macro seed_text(column) %}
    {#- A text column of a seed, null where the CSV cell is blank, on every engine. -#}
    {{ return(adapter.dispatch('seed_text', 'bank_segmentation')(column)) }}
{% endmacro %}

{% macro default__seed_text(column) -%}
    nullif({{ column }}, '')
{%- endmacro %}

{#- dbt-spark's session connection binds a blank cell as the text 'None'. -#}
{% macro spark__seed_text(column) -%}
    nullif(nullif({{ column }}, ''), 'None')
{%- endmacro %}
