with

validated as (

    select * from {{ ref('base_core_banking__accounts') }}

),

accepted as (

    select
        account_id,
        account_key,
        customer_id,
        product_type,
        currency,
        credit_limit,
        opened_date,
        closed_date
    from validated
    where rejection_reason is null

)

select * from accepted
