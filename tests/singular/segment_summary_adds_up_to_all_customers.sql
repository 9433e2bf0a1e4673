-- Per as-of date: segment sizes add up to the customers in history, shares to 1.
with

summary_totals as (

    select
        as_of_date,
        sum(customers) as summary_customers,
        sum(customer_share) as summary_share
    from {{ ref('segment_summary') }}
    group by as_of_date

),

history_totals as (

    select
        as_of_date,
        count(*) as history_customers
    from {{ ref('segment_history') }}
    group by as_of_date

)

select
    history_totals.as_of_date,
    history_totals.history_customers,
    summary_totals.summary_customers,
    summary_totals.summary_share
from history_totals
left join summary_totals
    on history_totals.as_of_date = summary_totals.as_of_date
where
    summary_totals.summary_customers is null
    or summary_totals.summary_customers != history_totals.history_customers
    or abs(summary_totals.summary_share - 1) > 1e-9
