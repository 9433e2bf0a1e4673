{#- EDA: one row per month of the current feature window, summed over customers. -#}
with

months as (

    select * from {{ ref('int_customer_months_aggregated') }}

)

select
    month_start_date,
    count(*) as customers,
    sum(spend_amount) as spend_amount,
    sum(current_account_credit_amount) as income_amount,
    sum(deposit_balance_amount) as deposit_balance_amount,
    sum(transaction_count) as transaction_count
from months
group by month_start_date
order by month_start_date
