{#- Transactions up to the as-of date with customer, product and spending group. -#}
with

transactions as (

    select * from {{ ref('stg_core_banking__transactions') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

merchant_category_groups as (

    select * from {{ ref('merchant_category_groups') }}

),

feature_window as (

    select distinct
        as_of_date,
        window_start_date
    from {{ ref('int_feature_window') }}

),

enriched as (

    select
        transactions.transaction_id,
        transactions.account_id,
        accounts.customer_id,
        accounts.product_type,
        transactions.direction,
        transactions.channel,
        coalesce(merchant_category_groups.spending_group, 'other') as spending_group,
        transactions.amount,
        case
            when transactions.direction = 'credit' then transactions.amount
            else -transactions.amount
        end as signed_amount,
        transactions.channel in ('card_pos', 'card_online', 'atm', 'branch')
        or (transactions.channel = 'transfer' and transactions.direction = 'debit')
            as is_customer_initiated,
        transactions.direction = 'debit'
        and transactions.channel in ('card_pos', 'card_online') as is_purchase,
        cast(transactions.booked_at as date) >= feature_window.window_start_date
            as is_in_window,
        cast(transactions.booked_at as date) as booked_date,
        cast(
            {{ dbt.date_trunc('month', 'transactions.booked_at') }} as date
        ) as booked_month_start_date,
        transactions.booked_at
    from transactions
    inner join accounts
        on transactions.account_id = accounts.account_id
    left join merchant_category_groups
        on
            transactions.merchant_category_code
            = merchant_category_groups.merchant_category_code
    cross join feature_window
    where cast(transactions.booked_at as date) <= feature_window.as_of_date

)

select * from enriched
