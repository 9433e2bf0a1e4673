{#-
    One row per customer per as-of date: the activity and channel features (how often, how
    much and through which channels a customer transacts), per month of the feature window.
    A month without bookings counts as zero.
-#}
with

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

booked as (

    select
        customer_months.customer_id,
        sum(case when customer_months.customer_initiated_count > 0 then 1 else 0 end)
            as active_months,
        {%- for measure in additive_month_measures() %}
            sum(customer_months.{{ measure }}) as {{ measure }},
        {%- endfor %}
        sum(customer_months.paid_out_amount) as paid_out_amount
    from customer_months
    inner join window_months
        on customer_months.booked_month_start_date = window_months.month_start_date
    group by customer_months.customer_id

),

-- Every customer, zeros without bookings in the window.
aggregated as (

    select
        customers_rfm.customer_id,
        customers_rfm.as_of_date,
        feature_window.window_months,
        coalesce(booked.active_months, 0) as active_months,
        {%- for measure in additive_month_measures() %}
            coalesce(booked.{{ measure }}, 0) as {{ measure }},
        {%- endfor %}
        coalesce(booked.paid_out_amount, 0) as paid_out_amount
    from customers_rfm
    cross join feature_window
    left join booked
        on customers_rfm.customer_id = booked.customer_id

),

features as (

    {%- set months = 'window_months' %}
    {%- set initiated = 'customer_initiated_count' %}
    select
        customer_id,
        cast(active_months as integer) as active_months,
        {{ ratio('transaction_count', months) }} as transactions_per_month,
        {{ ratio('spend_amount', months) }} as spend_per_month_amount,
        coalesce({{ ratio('spend_amount', 'purchase_count') }}, 0)
            as average_ticket_amount,
        {{ ratio('paid_out_amount', months) }} as debit_per_month_amount,
        {%- for spending_group in spending_groups() %}
            coalesce(
                {{ ratio('spend_' ~ spending_group ~ '_amount', 'spend_amount') }}, 0
            ) as spend_share_{{ spending_group }},
        {%- endfor %}
        coalesce(
            {{ ratio('card_online_count + transfer_out_count', initiated) }}, 0
        ) as online_share,
        coalesce({{ ratio('card_present_count', initiated) }}, 0) as card_present_share,
        coalesce({{ ratio('atm_count + branch_count', initiated) }}, 0) as cash_share,
        coalesce({{ ratio('branch_count', initiated) }}, 0) as branch_share,
        {{ ratio('cash_withdrawal_amount', months) }}
            as cash_withdrawal_per_month_amount,
        as_of_date
    from aggregated

)

select * from features
