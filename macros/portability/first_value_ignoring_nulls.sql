{% macro first_value_ignoring_nulls(expression) %}
    {{ return(adapter.dispatch('value_ignoring_nulls')('first_value', expression)) }}
{% endmacro %}
