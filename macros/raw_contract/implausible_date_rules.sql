{% macro implausible_date_rules(column, after_last_booking=true) %}
    {#-
        CASE branches of a base model's rejection_reason: a date before var
        min_plausible_date, or (after_last_booking) after the extract's last booking plus var
        plausible_date_margin_days (base_core_banking__booking_period), is a rejection of its
        own - most often a date read in the wrong layout.
    -#}
    {%- set column_name = column.split('.')[-1] -%}
    when {{ column }} < cast('{{ var("min_plausible_date") }}' as date)
        then '{{ column_name }} is implausible: before min_plausible_date'
    {%- if after_last_booking %}
        when {{ column }} > (
            select booking_period.latest_plausible_date
            from {{ ref('base_core_banking__booking_period') }} as booking_period
        )
            then '{{ column_name }} is implausible: after the last booking'
    {%- endif %}
{%- endmacro %}
