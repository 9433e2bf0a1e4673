{% macro line_as_json(file_name, line_number, text) %}
    {#- A raw line that did not parse, for the quarantine:
        {"file": "...", "line": n, "text": "..."}. -#}
    {{ return(adapter.dispatch('line_as_json')(file_name, line_number, text)) }}
{% endmacro %}

{% macro default__line_as_json(file_name, line_number, text) %}
    to_json(named_struct(
        'file', {{ file_name }}, 'line', {{ line_number }}, 'text', {{ text }}
    ))
{% endmacro %}

{% macro duckdb__line_as_json(file_name, line_number, text) %}
    cast(json_object(
        'file', {{ file_name }}, 'line', {{ line_number }}, 'text', {{ text }}
    ) as {{ dbt.type_string() }})
{% endmacro %}
