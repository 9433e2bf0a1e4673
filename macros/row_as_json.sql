{#-
    The raw row for the quarantine: row_as_struct() keeps it as one value next to the typed
    columns (cheap), row_as_json() turns that value into JSON text (costly, so base models
    call it only for rejected rows).
-#}
{% macro row_as_struct(relation_alias) %}
    {{ return(adapter.dispatch('row_as_struct')(relation_alias)) }}
{% endmacro %}

{% macro default__row_as_struct(relation_alias) %}
    struct({{ relation_alias }}.*)
{% endmacro %}

{% macro duckdb__row_as_struct(relation_alias) %}
    {{ relation_alias }}
{% endmacro %}

{% macro row_as_json(struct_column) %}
    {{ return(adapter.dispatch('row_as_json')(struct_column)) }}
{% endmacro %}

{% macro default__row_as_json(struct_column) %}
    to_json({{ struct_column }})
{% endmacro %}

{% macro spark__row_as_json(struct_column) %}
    {#- Written as DuckDB writes it: null fields kept, timestamps without the T. -#}
    to_json(
        {{ struct_column }},
        map(
            'ignoreNullFields', 'false',
            'timestampFormat', 'yyyy-MM-dd HH:mm:ss',
            'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss'
        )
    )
{% endmacro %}

{% macro duckdb__row_as_json(struct_column) %}
    cast(to_json({{ struct_column }}) as {{ dbt.type_string() }})
{% endmacro %}

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
