{{ config(materialized='view') }}

{#-
    One row per raw transaction row: renamed, cast and normalised, with its booking month (null
    when booked_at does not parse). A view: the transactions are the largest table, and writing
    them costs more than reading the raw file again; filters on booked_month_start_date reach
    the file reader, so a model that reads one month reads about one month of the file.
-#}
with

source as (

    select * from {{ raw_table('transactions') }}

),

typed as (

    select
        cast(transaction_id as {{ dbt.type_string() }}) as transaction_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        {{ normalised_code('direction', 'transactions') }} as direction,
        {{ normalised_code('channel', 'transactions') }} as channel,
        nullif(trim(cast(merchant_category_code as {{ dbt.type_string() }})), '')
            as merchant_category_code,
        nullif(trim(cast(description as {{ dbt.type_string() }})), '')
            as description,
        {{ raw_typed('amount', 'decimal', 'transactions') }} as amount,
        {{ raw_typed('booked_at', 'timestamp', 'transactions') }} as booked_at,
        cast({{ dbt.date_trunc(
            'month', raw_typed('booked_at', 'timestamp', 'transactions')
        ) }} as date) as booked_month_start_date,
        {{ is_unreadable('amount', 'decimal', 'transactions') }} as is_amount_invalid,
        {{ is_unreadable('booked_at', 'timestamp', 'transactions') }}
            as is_booked_at_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('transactions') }} as delivered_file
    from source

)

select * from typed
