{{ config(materialized='view') }}

{#-
    One row per staged transaction with its spending group and the flags the features count.
    A view: each month-incremental model reads the months it builds straight from the raw file.
    Account attributes (customer, product) are joined later, on aggregates, not on every row.
-#}
with

transactions as (

    select * from {{ ref('stg_core_banking__transactions') }}

),

merchant_category_groups as (

    select * from {{ ref('merchant_category_groups') }}

),

enriched as (

    select
        transactions.transaction_id,
        transactions.account_id,
        transactions.account_key,
        transactions.direction,
        transactions.channel,
        transactions.amount,
        transactions.booked_month_start_date,
        transactions.booked_at,
        cast(transactions.booked_at as date) as booked_date,
        coalesce(merchant_category_groups.spending_group, 'other') as spending_group,
        case
            when transactions.direction = 'credit' then transactions.amount
            else -transactions.amount
        end as signed_amount,
        transactions.channel in ('card_pos', 'card_online', 'atm', 'branch')
        or (transactions.channel = 'transfer' and transactions.direction = 'debit')
            as is_customer_initiated,
        transactions.direction = 'debit'
        and transactions.channel in ('card_pos', 'card_online') as is_purchase,
        transactions.channel in ('transfer', 'standing_order')
        and transactions.direction = 'credit' as is_income_like
    from transactions
    left join merchant_category_groups
        on
            transactions.merchant_category_code
            = merchant_category_groups.merchant_category_code

)

select * from enriched
