{% macro as_of_date() %}
    {%- if var('as_of_date') -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        (select cast(max(booked_at) as date) from {{ ref('stg_core_banking__transactions') }})
    {%- endif -%}
{% endmacro %}
