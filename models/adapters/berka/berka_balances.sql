{#-
    The raw contract's balances from Berka's running balance: per account and month, the
    balance after the month's last transaction (by date, then trans_id), dated at month end.
-#}
with

mapped as (

    select * from {{ ref('berka__transactions_mapped') }}

),

ranked as (

    select
        account_id,
        balance_after,
        cast({{ dbt.last_day('booked_date', 'month') }} as date) as balance_date,
        row_number() over (
            partition by account_id, {{ dbt.date_trunc('month', 'booked_date') }}
            order by booked_date desc, cast(record_key as bigint) desc
        ) as recency_in_month
    from mapped
    where unmapped_reason is null

),

contract as (

    select
        account_id,
        balance_date,
        balance_after as balance
    from ranked
    where recency_in_month = 1

)

select * from contract
