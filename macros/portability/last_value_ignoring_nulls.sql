{#-
    first_value / last_value that skip nulls, for window functions: DuckDB writes the
    IGNORE NULLS inside the call, Spark SQL after it.
-#}
{% macro last_value_ignoring_nulls(expression) %}
    {{ return(adapter.dispatch('value_ignoring_nulls')('last_value', expression)) }}
{% endmacro %}
