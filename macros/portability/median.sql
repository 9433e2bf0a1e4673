{% macro median(expression) %}
    {#- In double precision on every engine (DuckDB keeps a decimal's scale: 1702.77, not .775). -#}
    {{ return(adapter.dispatch('median')('cast(' ~ expression ~ ' as double)')) }}
{% endmacro %}

{% macro default__median(expression) %}
    percentile_cont(0.5) within group (order by {{ expression }})
{% endmacro %}

{% macro duckdb__median(expression) %}
    median({{ expression }})
{% endmacro %}

{% macro spark__median(expression) %}
    percentile({{ expression }}, 0.5)
{% endmacro %}
