{#-
    One row per customer per as-of date: every feature the segmentation and BI use. The
    customer's profile, RFM and products held are here; the behavioural features come from
    one model per family: activity and channels, income saving and balances, credit.
-#}
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

),

activity as (

    select * from {{ ref('int_customer_activity_features') }}

),

balances as (

    select * from {{ ref('int_customer_balance_features') }}

),

credit as (

    select * from {{ ref('int_customer_credit_features') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

products_held as (

    select
        accounts.customer_id,
        count(distinct accounts.product_type) as product_breadth
    from accounts
    cross join feature_window
    where {{ is_account_open_on('accounts', 'feature_window.as_of_date') }}
    group by accounts.customer_id

),

joined as (

    select
        customers_rfm.customer_id,
        customers.gender,
        customers.region,
        customers_rfm.rfm_label,
        -- no age from a birth date after the as-of date
        case
            when customers.birth_date <= customers_rfm.as_of_date
                then cast(
                    floor(
                        {{ dbt.datediff(
                            'customers.birth_date', 'customers_rfm.as_of_date', 'day'
                        ) }} / 365.25
                    ) as integer
                )
        end as age_years,
        cast(
            {{ calendar_months_between(
                'customers.onboarded_date', 'customers_rfm.as_of_date'
            ) }} as integer
        ) as tenure_months,
        cast(customers_rfm.recency_days as integer) as recency_days,
        cast(customers_rfm.frequency_count as integer) as frequency_count,
        cast(customers_rfm.monetary_amount as double) as monetary_amount,
        customers_rfm.r_score,
        customers_rfm.f_score,
        customers_rfm.m_score,
        activity.active_months,
        activity.transactions_per_month,
        activity.spend_per_month_amount,
        activity.average_ticket_amount,
        activity.debit_per_month_amount,
        {%- for spending_group in spending_groups() %}
            activity.spend_share_{{ spending_group }},
        {%- endfor %}
        activity.online_share,
        activity.card_present_share,
        activity.cash_share,
        activity.branch_share,
        activity.cash_withdrawal_per_month_amount,
        balances.recurring_income_amount,
        balances.income_regularity,
        balances.savings_rate,
        balances.average_deposit_balance_amount,
        balances.deposit_balance_trend_amount,
        balances.negative_balance_days,
        credit.credit_utilisation,
        credit.revolving_share,
        credit.cash_advance_count,
        credit.full_payment_ratio,
        credit.loans_held_count,
        credit.outstanding_principal_amount,
        credit.loans_in_arrears_count,
        credit.loan_application_count,
        credit.declined_application_count,
        cast(coalesce(products_held.product_breadth, 0) as integer) as product_breadth,
        credit.has_credit_card,
        customers_rfm.as_of_date,
        balances.has_recurring_income
    from customers_rfm
    inner join customers
        on customers_rfm.customer_id = customers.customer_id
    inner join activity
        on customers_rfm.customer_id = activity.customer_id
    inner join balances
        on customers_rfm.customer_id = balances.customer_id
    inner join credit
        on customers_rfm.customer_id = credit.customer_id
    left join products_held
        on customers_rfm.customer_id = products_held.customer_id

)

select * from joined
