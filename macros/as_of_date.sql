{% macro as_of_date() %}
    {#- var as_of_date, else the last booking date in the raw transactions (rejected rows too). -#}
    {%- if var('as_of_date') -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        (
            select cast(max(booked_at) as date)
            from {{ ref('base_core_banking__transactions_typed') }}
        )
    {%- endif -%}
{% endmacro %}
