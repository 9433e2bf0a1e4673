{% macro newest_booking_months_start() %}
    {#- A date literal: the as-of month (var as_of_date, else the last complete month end of
        the bookings) minus var reprocess_months. -#}
    {%- if not execute -%}
        {{ return("cast(null as date)") }}
    {%- endif -%}
    {%- if var('as_of_date') -%}
        {%- set as_of = "cast('" ~ var('as_of_date') ~ "' as date)" -%}
    {%- else -%}
        {#- the view exists once staging ran; looked up, not ref'd: tests take no new parents -#}
        {%- set typed = adapter.get_relation(
            database=target.database,
            schema=target.schema,
            identifier='base_core_banking__transactions_typed'
        ) -%}
        {%- if typed is none -%}
            {#- compiled before any build (dbt compile, sqlfluff): no month to check yet;
                in a build the view exists, since it is upstream of every caller -#}
            {{ return("cast(null as date)") }}
        {%- endif -%}
        {%- set as_of = '(select ' ~ last_complete_month_end('last_booking_date')
            ~ ' from (select cast(max(booked_at) as date) as last_booking_date from '
            ~ typed ~ ') as bookings)' -%}
    {%- endif -%}
    {%- set query -%}
        select cast({{ dbt.dateadd(
            'month',
            -(var('reprocess_months') | int),
            dbt.date_trunc('month', as_of)
        ) }} as date)
    {%- endset -%}
    {%- set first_day = run_query(query).columns[0].values()[0] -%}
    {{ return("cast('" ~ first_day ~ "' as date)") }}
{% endmacro %}
