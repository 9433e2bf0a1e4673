with

validated as (

    select * from {{ ref('base_core_banking__loans') }}

),

accepted as (

    select
        loan_id,
        customer_id,
        product,
        status,
        principal,
        term_months,
        originated_date
    from validated
    where rejection_reason is null

)

select * from accepted
