{#-
    One row per month of the current feature window, summed over customers: the report's
    monthly trends, published with the other BI marts.
-#}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

account_window_months as (

    select * from {{ ref('int_account_window_months_filled') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

bookings_per_month as (

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

deposits_per_month as (

    select
        account_window_months.month_start_date,
        sum(account_window_months.month_end_balance_amount) as deposit_balance_amount
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where accounts.product_type in ('current', 'savings', 'term_deposit')
    group by account_window_months.month_start_date

),

final as (

    select
        cast(coalesce(bookings_per_month.customers, 0) as bigint) as customers,
        cast(coalesce(bookings_per_month.spend_amount, 0) as double) as spend_amount,
        cast(coalesce(bookings_per_month.income_amount, 0) as double) as income_amount,
        cast(
            coalesce(deposits_per_month.deposit_balance_amount, 0) as double
        ) as deposit_balance_amount,
        cast(
            coalesce(bookings_per_month.transaction_count, 0) as bigint
        ) as transaction_count,
        window_months.month_start_date,
        feature_window.as_of_date
    from window_months
    cross join feature_window
    left join bookings_per_month
        on window_months.month_start_date = bookings_per_month.month_start_date
    left join deposits_per_month
        on window_months.month_start_date = deposits_per_month.month_start_date

)

select * from final
