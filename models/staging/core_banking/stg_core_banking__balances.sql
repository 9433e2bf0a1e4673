with

validated as (

    select * from {{ ref('base_core_banking__balances') }}

),

accepted as (

    select
        account_id,
        balance,
        balance_date
    from validated
    where rejection_reason is null

)

select * from accepted
