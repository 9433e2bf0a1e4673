{#-
    One row: the extract's last booking date among the bookings on or after var
    min_plausible_date (null when there is none). A birth date after it is not used.
-#}
with

transactions as (

    select booked_at from {{ ref('base_core_banking__transactions_typed') }}

),

last_booking as (

    select max(cast(booked_at as date)) as last_booking_date
    from transactions
    where booked_at >= cast('{{ var("min_plausible_date") }}' as timestamp)

)

select * from last_booking
