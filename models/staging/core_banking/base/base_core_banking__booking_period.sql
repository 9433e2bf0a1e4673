{#-
    One row: the extract's last booking date among the bookings on or after var
    min_plausible_date, and the latest date another contract date may plausibly hold (that
    plus var plausible_date_margin_days). Null when there is no such booking.
-#}
with

transactions as (

    select booked_at from {{ ref('base_core_banking__transactions_typed') }}

),

last_booking as (

    select max(cast(booked_at as date)) as last_booking_date
    from transactions
    where booked_at >= cast('{{ var("min_plausible_date") }}' as timestamp)

),

final as (

    select
        last_booking_date,
        cast({{ dbt.dateadd(
            'day', var('plausible_date_margin_days'), 'last_booking_date'
        ) }} as date) as latest_plausible_date
    from last_booking

)

select * from final
