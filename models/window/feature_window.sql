{#-
    One row: the point in time and the window every feature is computed over, the
    lookback_months calendar months up to the as-of month, from the first of them with a
    booking (an extract shorter than the lookback gives a shorter window, and per-month
    features divide by the months it has). Its months are feature_window_months.
-#}
with

transactions as (

    select booked_at from {{ ref('base_core_banking__transactions_typed') }}

),

-- var as_of_date, else the last complete month end of the raw transactions' bookings
-- (rejected rows too): macro last_complete_month_end
as_of as (

    select
        {% if var('as_of_date') -%}
            cast('{{ var("as_of_date") }}' as date) as as_of_date,
        {%- else -%}
            {{ last_complete_month_end('last_booking_date') }} as as_of_date,
        {%- endif %}
        last_booking_date
    from (
        select cast(max(booked_at) as date) as last_booking_date
        from transactions
    ) as bookings

),

-- Why this as-of date, in words a build prints at its end (macro report_build_outcome)
explained as (

    select
        as_of_date,
        last_booking_date,
        {% if var('as_of_date') -%}
            'set by var as_of_date'
        {%- else -%}
            case
                when as_of_date >= {{ dbt.last_day('last_booking_date', 'month') }}
                    then {{ dbt.concat([
                        "'the last complete month: the last booking, '",
                        dbt.cast('last_booking_date', dbt.type_string()),
                        "', is within complete_month_tolerance_days of its month end'",
                    ]) }}
                else {{ dbt.concat([
                    "'the last complete month: the last booking, '",
                    dbt.cast('last_booking_date', dbt.type_string()),
                    "', leaves '",
                    'substring(' ~ dbt.cast('last_booking_date', dbt.type_string()) ~ ', 1, 7)',
                    "' incomplete'",
                ]) }}
            end
        {%- endif %} as as_of_date_reason
    from as_of

),

requested as (

    select
        as_of_date,
        cast({{ dbt.date_trunc('month', 'as_of_date') }} as date)
            as as_of_month_start_date,
        cast(
            {{ dbt.dateadd(
                'month',
                1 - var('lookback_months') | int,
                dbt.date_trunc('month', 'as_of_date')
            ) }} as date
        ) as requested_window_start_date,
        {{ var('lookback_months') | int }} as lookback_months,
        last_booking_date,
        as_of_date_reason
    from explained

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
        requested.as_of_month_start_date,
        requested.lookback_months,
        requested.last_booking_date,
        requested.as_of_date_reason,
        case
            when first_booking.month_start_date > requested.requested_window_start_date
                then first_booking.month_start_date
            else requested.requested_window_start_date
        end as window_start_date
    from requested
    cross join first_booking

),

final as (

    select
        as_of_date,
        as_of_month_start_date,
        window_start_date,
        lookback_months,
        cast(
            {{ dbt.datediff(
                'window_start_date', 'as_of_month_start_date', 'month'
            ) }} + 1 as integer
        ) as window_months,
        last_booking_date,
        as_of_date_reason
    from windowed
    -- no row without an as-of date (no var and no booking at all)
    where as_of_date is not null

)

select * from final
