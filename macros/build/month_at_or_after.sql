{% macro month_at_or_after(column, first_month) %}
    {#- A filter on the months a month-incremental model rebuilds: all of them when first_month
        is none. Against a literal date, and on booked_at rather than the month computed from
        it, the filter reaches the raw file reader (only those row groups are read). -#}
    {{ return(column ~ ' >= ' ~ first_month if first_month else 'true') }}
{% endmacro %}
