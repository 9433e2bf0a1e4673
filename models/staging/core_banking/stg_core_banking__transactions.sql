with

validated as (

    select * from {{ ref('base_core_banking__transactions') }}

),

accepted as (

    select
        transaction_id,
        account_id,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        booked_at
    from validated
    where rejection_reason is null

)

select * from accepted
