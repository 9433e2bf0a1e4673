{#-
    One row per customer per as-of date: the income, saving and balance features (a regular
    income, what is saved of it, deposit balances and their trend, days in the red), over the
    months of the feature window. A month without bookings or balances counts as zero.
-#}
with

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

stored_customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

account_window_months as (

    select * from {{ ref('int_account_window_months_filled') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

deposits_by_month as (

    select
        accounts.customer_id,
        account_window_months.month_start_date,
        sum(account_window_months.month_end_balance_amount) as deposit_balance_amount
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where
        account_window_months.month_end_balance_amount is not null
        and accounts.product_type in ('current', 'savings', 'term_deposit')
    group by accounts.customer_id, account_window_months.month_start_date

),

-- One row per customer per window month, zeros without bookings or balances that month.
customer_months as (

    select
        customers_rfm.customer_id,
        window_months.month_start_date,
        booked.largest_income_like_credit_amount,
        coalesce(booked.current_account_credit_amount, 0)
            as current_account_credit_amount,
        coalesce(booked.savings_net_inflow_amount, 0) as savings_net_inflow_amount,
        coalesce(deposits.deposit_balance_amount, 0) as deposit_balance_amount
    from customers_rfm
    cross join window_months
    left join stored_customer_months as booked
        on
            customers_rfm.customer_id = booked.customer_id
            and window_months.month_start_date = booked.booked_month_start_date
    left join deposits_by_month as deposits
        on
            customers_rfm.customer_id = deposits.customer_id
            and window_months.month_start_date = deposits.month_start_date

),

monthly_income_credits as (

    select
        customer_id,
        {{ median('largest_income_like_credit_amount') }} as median_income_credit_amount
    from customer_months
    group by customer_id

),

aggregated_months as (

    select
        customer_months.customer_id,
        count(*) as window_months,
        sum(customer_months.current_account_credit_amount)
            as current_account_credit_amount,
        sum(customer_months.savings_net_inflow_amount) as savings_net_inflow_amount,
        sum(
            case
                when
                    customer_months.largest_income_like_credit_amount
                    between 0.75 * monthly_income_credits.median_income_credit_amount
                    and 1.25 * monthly_income_credits.median_income_credit_amount
                    then 1
                else 0
            end
        ) as regular_income_months,
        max(monthly_income_credits.median_income_credit_amount)
            as median_income_credit_amount,
        avg(cast(customer_months.deposit_balance_amount as double))
            as avg_deposit_balance_amount
    from customer_months
    inner join monthly_income_credits
        on customer_months.customer_id = monthly_income_credits.customer_id
    group by customer_months.customer_id

),

balance_trends as (

    select
        customer_months.customer_id,
        max(
            case
                when customer_months.month_start_date = feature_window.window_start_date
                    then customer_months.deposit_balance_amount
            end
        ) as first_deposit_balance_amount,
        max(
            case
                when
                    customer_months.month_start_date
                    = feature_window.as_of_month_start_date
                    then customer_months.deposit_balance_amount
            end
        ) as last_deposit_balance_amount,
        max(
            {{ calendar_months_between(
                'feature_window.window_start_date', 'feature_window.as_of_month_start_date'
            ) }}
        ) as months_between
    from customer_months
    cross join feature_window
    group by customer_months.customer_id

),

negative_balance_days as (

    select
        accounts.customer_id,
        sum(account_window_months.negative_balance_days) as negative_balance_days
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where accounts.product_type = 'current'
    group by accounts.customer_id

),

features as (

    select
        customers_rfm.customer_id,
        cast(
            case
                when
                    aggregated_months.regular_income_months * 2
                    >= aggregated_months.window_months
                    then aggregated_months.median_income_credit_amount
                else 0
            end as double
        ) as recurring_income_amount,
        {{ ratio(
            'aggregated_months.regular_income_months', 'aggregated_months.window_months'
        ) }} as income_regularity,
        cast(
            greatest(
                -1,
                least(
                    1,
                    coalesce(
                        {{ ratio(
                            'aggregated_months.savings_net_inflow_amount',
                            'aggregated_months.current_account_credit_amount'
                        ) }},
                        0
                    )
                )
            ) as double
        ) as savings_rate,
        cast(aggregated_months.avg_deposit_balance_amount as double)
            as average_deposit_balance_amount,
        coalesce(
            {{ ratio(
                'balance_trends.last_deposit_balance_amount'
                ~ ' - balance_trends.first_deposit_balance_amount',
                'balance_trends.months_between'
            ) }},
            0
        ) as deposit_balance_trend_amount,
        cast(coalesce(negative_balance_days.negative_balance_days, 0) as integer)
            as negative_balance_days,
        {{ ratio(
            'coalesce(negative_balance_days.negative_balance_days, 0)',
            'aggregated_months.window_months'
        ) }} as overdrawn_days_per_month,
        aggregated_months.regular_income_months * 2 >= aggregated_months.window_months
            as has_recurring_income,
        customers_rfm.as_of_date
    from customers_rfm
    inner join aggregated_months
        on customers_rfm.customer_id = aggregated_months.customer_id
    inner join balance_trends
        on customers_rfm.customer_id = balance_trends.customer_id
    left join negative_balance_days
        on customers_rfm.customer_id = negative_balance_days.customer_id

)

select * from features
