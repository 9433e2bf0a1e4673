with

validated as (

    select * from {{ ref('base_core_banking__loan_applications') }}

),

accepted as (

    select
        application_id,
        customer_id,
        product,
        decision,
        requested_amount,
        applied_at
    from validated
    where rejection_reason is null

)

select * from accepted
