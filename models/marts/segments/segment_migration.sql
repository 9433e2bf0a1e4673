{#-
    One row per (from segment, to segment) per as-of date: customers in a segment at the
    previous as-of date of segment_history and where they are now. Customers who joined show as
    from 'new_customer', customers who are gone as to 'lost_customer'; stayers are included so
    shares per from-segment add up to 1.
-#}
with

history as (

    select * from {{ ref('segment_history') }}

),

as_of_dates as (

    select distinct as_of_date from history

),

consecutive_dates as (

    select
        as_of_date,
        lag(as_of_date) over (order by as_of_date) as previous_as_of_date,
        lead(as_of_date) over (order by as_of_date) as next_as_of_date
    from as_of_dates

),

dated_history as (

    select
        history.customer_id,
        history.segment_id,
        history.segment_name,
        consecutive_dates.as_of_date,
        consecutive_dates.previous_as_of_date,
        consecutive_dates.next_as_of_date
    from history
    inner join consecutive_dates
        on history.as_of_date = consecutive_dates.as_of_date

),

current_rows as (

    select * from dated_history
    where previous_as_of_date is not null

),

previous_rows as (

    select * from dated_history
    where next_as_of_date is not null

),

moves as (

    select
        previous_rows.segment_id as from_segment_id,
        current_rows.segment_id as to_segment_id,
        coalesce(previous_rows.segment_name, 'new_customer') as from_segment_name,
        coalesce(current_rows.segment_name, 'lost_customer') as to_segment_name,
        coalesce(current_rows.previous_as_of_date, previous_rows.as_of_date)
            as previous_as_of_date,
        coalesce(current_rows.as_of_date, previous_rows.next_as_of_date) as as_of_date
    from current_rows
    full outer join previous_rows
        on
            current_rows.customer_id = previous_rows.customer_id
            and current_rows.as_of_date = previous_rows.next_as_of_date

),

counted as (

    select
        from_segment_name,
        to_segment_name,
        from_segment_id,
        to_segment_id,
        previous_as_of_date,
        as_of_date,
        count(*) as customers
    from moves
    group by
        from_segment_name,
        to_segment_name,
        from_segment_id,
        to_segment_id,
        previous_as_of_date,
        as_of_date

),

final as (

    select
        from_segment_name,
        to_segment_name,
        cast(from_segment_id as integer) as from_segment_id,
        cast(to_segment_id as integer) as to_segment_id,
        cast(customers as bigint) as customers,
        {{ ratio(
            'customers',
            'sum(customers) over (partition by as_of_date, from_segment_name)'
        ) }} as share_of_from_segment,
        previous_as_of_date,
        as_of_date,
        from_segment_name != to_segment_name as has_moved
    from counted

)

select * from final
