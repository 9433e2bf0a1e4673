{#- The engines' spellings of first_value / last_value that skip nulls (see
    last_value_ignoring_nulls and first_value_ignoring_nulls). -#}
{% macro default__value_ignoring_nulls(function_name, expression) %}
    {{ function_name }}({{ expression }} ignore nulls)
{% endmacro %}

{% macro spark__value_ignoring_nulls(function_name, expression) %}
    {{ function_name }}({{ expression }}) ignore nulls
{% endmacro %}
