{#- EDA: one row per month of the current feature window, summed over customers. -#}
with

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

account_window_months as (

    select * from {{ ref('int_account_window_months_filled') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

window_months as (

    select month_start_date from {{ ref('feature_window_months') }}

),

bookings as (

    select
        customer_months.booked_month_start_date as month_start_date,
        count(*) as customers,
        sum(customer_months.spend_amount) as spend_amount,
        sum(customer_months.current_account_credit_amount) as income_amount,
        sum(customer_months.transaction_count) as transaction_count
    from customer_months
    inner join window_months
        on customer_months.booked_month_start_date = window_months.month_start_date
    group by customer_months.booked_month_start_date

),

deposits as (

    select
        account_window_months.month_start_date,
        sum(account_window_months.month_end_balance_amount) as deposit_balance_amount
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where accounts.product_type in ('current', 'savings', 'term_deposit')
    group by account_window_months.month_start_date

)

select
    window_months.month_start_date,
    coalesce(bookings.customers, 0) as customers,
    coalesce(bookings.spend_amount, 0) as spend_amount,
    coalesce(bookings.income_amount, 0) as income_amount,
    coalesce(deposits.deposit_balance_amount, 0) as deposit_balance_amount,
    coalesce(bookings.transaction_count, 0) as transaction_count
from window_months
left join bookings
    on window_months.month_start_date = bookings.month_start_date
left join deposits
    on window_months.month_start_date = deposits.month_start_date
order by window_months.month_start_date
