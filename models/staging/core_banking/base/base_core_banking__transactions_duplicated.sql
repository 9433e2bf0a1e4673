{#-
    One row per raw transaction row whose transaction_id occurs more than once in the extract,
    ranked within its key (macro ranked_within_key): the row of the latest file, then the
    first by booking time and every other column (so ties are reproducible), is kept; the
    others are copies of it, versions a later file superseded, or duplicates. Usually empty or
    tiny, so base_core_banking__transactions can rank duplicates without sorting every row.
-#}
with

transactions as (

    select * from {{ ref('base_core_banking__transactions_typed') }}

),

-- Read apart from `transactions`: a CTE read twice may be buffered whole by the engine.
transaction_keys as (

    select transaction_id from {{ ref('base_core_banking__transactions_typed') }}

),

duplicated_keys as (

    select transaction_id
    from transaction_keys
    where transaction_id is not null
    group by transaction_id
    having count(*) > 1

),

duplicated_rows as (

    select transactions.*
    from transactions
    inner join duplicated_keys
        on transactions.transaction_id = duplicated_keys.transaction_id

),

ranked as (

    select
        transaction_id,
        account_id,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        booked_at,
        booked_month_start_date,
        is_amount_invalid,
        is_booked_at_invalid,
        raw_row,
        delivered_file,
        {{ ranked_within_key('transaction_id', [
            'booked_at', 'account_id', 'amount', 'direction', 'channel',
            'merchant_category_code', 'description'
        ]) }}
    from duplicated_rows

)

select * from ranked
