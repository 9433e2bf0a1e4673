{#-
    The point in time and the window every feature is computed over: the lookback_months
    calendar months up to the as-of month, from the first of them with a booking (an extract
    shorter than the lookback gives a shorter window, and per-month features divide by the
    months it has).
-#}
with

transactions as (

    select booked_at from {{ ref('base_core_banking__transactions_typed') }}

),

-- var as_of_date, else the last booking date of the raw transactions (rejected too)
as_of as (

    {% if var('as_of_date') -%}
        select cast('{{ var("as_of_date") }}' as date) as as_of_date
    {%- else -%}
        select cast(max(booked_at) as date) as as_of_date
        from transactions
    {%- endif %}

),

month_offsets as (

    select cast(generated_number - 1 as {{ dbt.type_int() }}) as month_offset
    from ({{ dbt.generate_series(var('lookback_months') | int) }}) as series

),

requested as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd(
                'month',
                1 - var('lookback_months') | int,
                dbt.date_trunc('month', 'as_of_date')
            ) }} as date
        ) as requested_window_start_date,
        {{ var('lookback_months') | int }} as lookback_months
    from as_of

),

-- The first month of the requested window with a booking: earlier months of the
-- window are before the extract begins (a stray row years earlier does not count,
-- it is outside).
first_booking as (

    select
        cast(
            {{ dbt.date_trunc('month', 'min(transactions.booked_at)') }} as date
        ) as month_start_date
    from transactions
    cross join requested
    where
        transactions.booked_at >= requested.requested_window_start_date
        and cast(transactions.booked_at as date) <= requested.as_of_date

),

windowed as (

    select
        requested.as_of_date,
        requested.lookback_months,
        case
            when first_booking.month_start_date > requested.requested_window_start_date
                then first_booking.month_start_date
            else requested.requested_window_start_date
        end as window_start_date
    from requested
    cross join first_booking

),

with_months as (

    select
        windowed.as_of_date,
        windowed.window_start_date,
        windowed.lookback_months,
        month_offsets.month_offset,
        cast(
            {{ dbt.dateadd(
                'month', 'month_offsets.month_offset', 'windowed.window_start_date'
            ) }} as date
        ) as month_start_date
    from windowed
    cross join month_offsets

),

in_window as (

    select *
    from with_months
    where month_start_date <= as_of_date

),

final as (

    select
        as_of_date,
        window_start_date,
        lookback_months,
        month_offset,
        month_start_date,
        cast(count(*) over () as integer) as window_months,
        cast(
            least(
                {{ dbt.last_day('month_start_date', 'month') }},
                as_of_date
            ) as date
        ) as month_end_date
    from in_window

)

select * from final
