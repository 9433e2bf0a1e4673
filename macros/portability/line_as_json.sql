{% macro line_as_json(line_number, text) %}
    {#- A raw line that did not parse, for the quarantine: {"line": n, "text": "..."}. -#}
    {{ return(adapter.dispatch('line_as_json')(line_number, text)) }}
{% endmacro %}

{% macro default__line_as_json(line_number, text) %}
    to_json(named_struct('line', {{ line_number }}, 'text', {{ text }}))
{% endmacro %}

{% macro duckdb__line_as_json(line_number, text) %}
    cast(json_object('line', {{ line_number }}, 'text', {{ text }}) as {{ dbt.type_string() }})
{% endmacro %}
