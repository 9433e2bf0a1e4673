{#-
    One row per booking month of the raw transactions, and one (null month) for the rows whose
    booked_at does not parse (CSV lines that do not parse at all included): how many rows it
    holds up to the as-of date and after it. Months up to the as-of month get the date this
    build processes them through (the month's last day, or the as-of date) and a batch
    fingerprint: that date, the row count and a checksum of the month's raw transaction and
    balance rows. The month-incremental models store the fingerprint of every month they
    build and rebuild a month when it changes (late rows, a corrected row, another as-of cut):
    see macro first_month_to_process.
-#}
with

transactions as (

    select
        booked_month_start_date,
        booked_at,
        {{ row_hash('raw_row') }} as row_hash
    from {{ ref('base_core_banking__transactions_typed') }}
    union all
    -- CSV lines that did not parse have no booking time either
    select
        cast(null as date) as booked_month_start_date,
        cast(null as timestamp) as booked_at,
        cast(null as bigint) as row_hash
    from {{ ref('unparsed_raw_lines') }}
    where source_table = 'transactions'

),

as_of as (

    select as_of_date from {{ ref('feature_window') }}

),

balances as (

    select
        balance_date,
        {{ row_hash(
            'account_id, balance, balance_date, rejection_reason, raw_record'
        ) }} as row_hash
    from {{ ref('base_core_banking__balances') }}

),

-- a month's balance rows up to the as-of date: a late or corrected snapshot changes it
balance_months as (

    select
        cast(
            {{ dbt.date_trunc('month', 'balances.balance_date') }} as date
        ) as booked_month_start_date,
        sum(balances.row_hash) as balance_rows_checksum
    from balances
    cross join as_of
    where balances.balance_date <= as_of.as_of_date
    group by cast({{ dbt.date_trunc('month', 'balances.balance_date') }} as date)

),

counted as (

    select
        transactions.booked_month_start_date,
        as_of.as_of_date,
        sum(
            case
                when cast(transactions.booked_at as date) > as_of.as_of_date then 0
                else 1
            end
        ) as raw_rows,
        sum(
            case
                when cast(transactions.booked_at as date) > as_of.as_of_date then 1
                else 0
            end
        ) as raw_rows_after_as_of_date,
        sum(
            case
                when cast(transactions.booked_at as date) > as_of.as_of_date then 0
                else transactions.row_hash
            end
        ) as raw_rows_checksum
    from transactions
    cross join as_of
    group by transactions.booked_month_start_date, as_of.as_of_date

),

processed as (

    select
        counted.*,
        coalesce(balance_months.balance_rows_checksum, 0) as balance_rows_checksum,
        case
            when counted.booked_month_start_date <= counted.as_of_date
                then cast(
                    least(
                        {{ dbt.last_day('counted.booked_month_start_date', 'month') }},
                        counted.as_of_date
                    ) as date
                )
        end as processed_through_date
    from counted
    left join balance_months
        on counted.booked_month_start_date = balance_months.booked_month_start_date

),

fingerprinted as (

    select
        booked_month_start_date,
        processed_through_date,
        cast(raw_rows as bigint) as raw_rows,
        cast(raw_rows_after_as_of_date as bigint) as raw_rows_after_as_of_date,
        case
            when processed_through_date is not null
                then {{ dbt.concat([
                    dbt.cast('processed_through_date', dbt.type_string()),
                    "':'",
                    dbt.cast('raw_rows', dbt.type_string()),
                    "':'",
                    dbt.cast('raw_rows_checksum', dbt.type_string()),
                    "':'",
                    dbt.cast('balance_rows_checksum', dbt.type_string()),
                ]) }}
        end as batch_fingerprint,
        as_of_date
    from processed

)

select * from fingerprinted
