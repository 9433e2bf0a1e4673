{% macro share_where(condition) %}
    {#- Share of the rows (0-1) where condition holds, in double precision on every engine. -#}
    avg(case when {{ condition }} then cast(1 as double) else cast(0 as double) end)
{% endmacro %}
