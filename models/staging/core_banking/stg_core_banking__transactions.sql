with

validated as (

    select * from {{ ref('base_core_banking__transactions') }}

),

accepted as (

    select
        transaction_id,
        account_id,
        account_key,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        booked_at,
        booked_month_start_date
    from validated
    where rejection_reason is null

)

select * from accepted
