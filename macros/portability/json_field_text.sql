{% macro json_field_text(json_text, key) %}
    {#- The text of one top-level field of a JSON object (null when absent); key is a SQL
        expression. -#}
    {{ return(adapter.dispatch('json_field_text')(json_text, key)) }}
{% endmacro %}

{% macro default__json_field_text(json_text, key) %}
    get_json_object({{ json_text }}, concat('$.', {{ key }}))
{% endmacro %}

{% macro duckdb__json_field_text(json_text, key) %}
    json_extract_string({{ json_text }}, '$.' || {{ key }})
{% endmacro %}
