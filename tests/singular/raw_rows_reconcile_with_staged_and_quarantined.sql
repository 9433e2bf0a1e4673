-- For every raw table: raw rows (CSV lines that did not parse included) = staged rows +
-- quarantined rows (+ deferred rows:
-- transactions booked after the as-of date, left for a later build). Transactions also
-- month by month, with the staged rows counted where the features count them.
with

unparsed_lines as (

    select * from {{ ref('unparsed_raw_lines') }}

),

{% for table_name in core_banking_tables() if table_name != 'transactions' %}
    reconciled_{{ table_name }} as (

        select
            '{{ table_name }}' as table_name,
            cast(null as date) as booked_month_start_date,
            (select count(*) from {{ raw_table(table_name) }})
            + (
                select count(*) from unparsed_lines
                where source_table = '{{ table_name }}'
            ) as raw_rows,
            (
                select count(*) from {{ staged_model(table_name) }}
            ) as staged_rows,
            (
                select count(*) from {{ ref('quarantined_rows') }}
                where source_table = '{{ table_name }}'
            ) as quarantined_rows,
            0 as deferred_rows

    ),

{% endfor %}
transaction_months as (

    select * from {{ ref('int_transaction_months_counted') }}

),

staged_by_month as (

    select
        customer_months.booked_month_start_date,
        sum(customer_months.transaction_count) as staged_rows
    from {{ ref('int_customer_months_aggregated') }} as customer_months
    inner join transaction_months
        on
            customer_months.booked_month_start_date
            = transaction_months.booked_month_start_date
            and customer_months.batch_fingerprint = transaction_months.batch_fingerprint
    group by customer_months.booked_month_start_date

),

quarantined_by_month as (

    select
        booked_month_start_date,
        count(*) as quarantined_rows
    from {{ ref('quarantined_rows') }}
    where source_table = 'transactions'
    group by booked_month_start_date

),

reconciled_transaction_months as (

    select
        'transactions' as table_name,
        transaction_months.booked_month_start_date,
        transaction_months.raw_rows + transaction_months.raw_rows_after_as_of_date
            as raw_rows,
        coalesce(staged_by_month.staged_rows, 0) as staged_rows,
        coalesce(quarantined_by_month.quarantined_rows, 0) as quarantined_rows,
        transaction_months.raw_rows_after_as_of_date as deferred_rows
    from transaction_months
    left join staged_by_month
        on
            transaction_months.booked_month_start_date
            = staged_by_month.booked_month_start_date
    left join quarantined_by_month
        on
            transaction_months.booked_month_start_date
            is not distinct from quarantined_by_month.booked_month_start_date

),

reconciled_transactions as (

    select
        'transactions' as table_name,
        cast(null as date) as booked_month_start_date,
        (select count(*) from {{ raw_table('transactions') }})
        + (
            select count(*) from unparsed_lines
            where unparsed_lines.source_table = 'transactions'
        ) as raw_rows,
        sum(staged_rows) as staged_rows,
        sum(quarantined_rows) as quarantined_rows,
        sum(deferred_rows) as deferred_rows
    from reconciled_transaction_months

),

unioned as (

    {% for table_name in core_banking_tables() if table_name != 'transactions' %}
        select * from reconciled_{{ table_name }}
        union all
    {% endfor %}
    select * from reconciled_transaction_months
    union all
    select * from reconciled_transactions

)

select * from unioned
where raw_rows != staged_rows + quarantined_rows + deferred_rows
