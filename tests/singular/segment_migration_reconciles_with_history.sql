-- For every as-of date with a previous one: rows out of real segments add up to
-- the previous date's customers, rows into real segments to this date's customers.
with

migration_totals as (

    select
        as_of_date,
        previous_as_of_date,
        sum(case when from_segment_name != 'new_customer' then customers else 0 end)
            as previous_customers,
        sum(case when to_segment_name != 'lost_customer' then customers else 0 end)
            as current_customers
    from {{ ref('segment_migration') }}
    group by as_of_date, previous_as_of_date

),

history_totals as (

    select
        as_of_date,
        count(*) as customers
    from {{ ref('segment_history') }}
    group by as_of_date

)

select migration_totals.as_of_date
from migration_totals
inner join history_totals as previous_history
    on migration_totals.previous_as_of_date = previous_history.as_of_date
inner join history_totals as current_history
    on migration_totals.as_of_date = current_history.as_of_date
where
    migration_totals.previous_customers != previous_history.customers
    or migration_totals.current_customers != current_history.customers
