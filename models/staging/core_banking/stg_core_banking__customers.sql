with

validated as (

    select * from {{ ref('base_core_banking__customers') }}

),

accepted as (

    select
        customer_id,
        gender,
        region,
        birth_date,
        onboarded_date
    from validated
    where rejection_reason is null

)

select * from accepted
