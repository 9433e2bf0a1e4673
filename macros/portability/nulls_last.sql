{% macro nulls_last() %}
    {#-
        An order by list with nulls last on every engine (Spark sorts nulls first by default,
        DuckDB last): the rankings that keep the first of duplicated keys must agree.
        Usage: order by {{ nulls_last('booked_at', 'account_id') }}
    -#}
    {{ return(varargs | join(' nulls last, ') ~ ' nulls last') }}
{% endmacro %}
