-- Per as-of date: RFM shares add up to 1, counts to the customers in history.
with

rfm_totals as (

    select
        as_of_date,
        sum(customers) as customers,
        sum(customer_share) as total_share
    from {{ ref('rfm_summary') }}
    group by as_of_date

),

history_totals as (

    select
        as_of_date,
        count(*) as customers
    from {{ ref('segment_history') }}
    group by as_of_date

)

select rfm_totals.as_of_date
from rfm_totals
inner join history_totals
    on rfm_totals.as_of_date = history_totals.as_of_date
where
    rfm_totals.customers != history_totals.customers
    or abs(rfm_totals.total_share - 1) > 1e-9
