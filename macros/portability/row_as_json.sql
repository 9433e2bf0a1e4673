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
