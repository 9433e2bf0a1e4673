{#-
    first_value / last_value that skip nulls, for window functions: DuckDB writes the
    IGNORE NULLS inside the call, Spark SQL after it.
-#}
{% macro last_value_ignoring_nulls(expression) %}
    {{ return(adapter.dispatch('value_ignoring_nulls')('last_value', expression)) }}
{% endmacro %}

{% macro first_value_ignoring_nulls(expression) %}
    {{ return(adapter.dispatch('value_ignoring_nulls')('first_value', expression)) }}
{% endmacro %}

{% macro default__value_ignoring_nulls(function_name, expression) %}
    {{ function_name }}({{ expression }} ignore nulls)
{% endmacro %}

{% macro spark__value_ignoring_nulls(function_name, expression) %}
    {{ function_name }}({{ expression }}) ignore nulls
{% endmacro %}
