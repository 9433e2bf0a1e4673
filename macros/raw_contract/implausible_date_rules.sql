{% macro implausible_date_rules(column, in_the_future_too=true) %}
    {#-
        CASE branches of a base model's rejection_reason: a date before var
        min_plausible_date, or (in_the_future_too) after the day of the build, is a rejection
        of its own - most often a date read in the wrong layout. Not the extract's last
        booking: a bank's account and customer files are often cut later than its
        transactions (the Berka sample's are), and their newer rows are real.
    -#}
    {%- set column_name = column.split('.')[-1] -%}
    when {{ column }} < cast('{{ var("min_plausible_date") }}' as date)
        then '{{ column_name }} is implausible: before min_plausible_date'
    {%- if in_the_future_too %}
        when {{ column }} > cast({{ dbt.current_timestamp() }} as date)
            then '{{ column_name }} is implausible: in the future'
    {%- endif %}
{%- endmacro %}
