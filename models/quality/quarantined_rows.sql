{#-
    Every raw row that staging rejected: its table, key, broken rule and raw JSON; for
    transactions also the booking month. Transactions booked after the as-of date are left
    for the build that reaches their month (they are counted in data_quality_row_counts).
    Lines of a CSV file that did not parse at all are here too, keyed 'line <n>'.
-#}
with

as_of as (

    select as_of_date from {{ ref('feature_window') }}

),

unparsed_lines as (

    select
        source_table,
        {{ dbt.concat(["'line '", dbt.cast('line_number', dbt.type_string())]) }}
            as record_key,
        {{ dbt.concat(["'line does not parse: '", 'rejection_reason']) }}
            as rejection_reason,
        {{ line_as_json('file_name', 'line_number', 'raw_line') }} as raw_record,
        cast(null as date) as booked_month_start_date
    from {{ ref('unparsed_raw_lines') }}
    where source_table in {{ core_banking_table_list() }}

),

{% for table_name in core_banking_tables() %}
    rejected_{{ table_name }} as (

        select
            '{{ table_name }}' as source_table,
            record_key,
            rejection_reason,
            raw_record,
            {%- if table_name == 'transactions' %}
                booked_month_start_date
            {%- else %}
                cast(null as date) as booked_month_start_date
            {%- endif %}
        from {{ base_model(table_name) }}
        where
            rejection_reason is not null
            {%- if table_name == 'transactions' %}
                and (
                    booked_at is null
                    or cast(booked_at as date) <= (select as_of.as_of_date from as_of)
                )
            {%- endif %}

    ),

{% endfor %}
unioned as (

    {% for table_name in core_banking_tables() %}
        select * from rejected_{{ table_name }}
        union all
    {% endfor %}
    select * from unparsed_lines

)

select * from unioned
