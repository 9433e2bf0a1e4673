{#- The raw contract's transactions from Berka (amounts in CZK, booked at midnight). -#}
with

mapped as (

    select * from {{ ref('berka__transactions_mapped') }}

),

contract as (

    select
        transaction_id,
        account_id,
        cast(booked_date as timestamp) as booked_at,
        amount,
        direction,
        channel,
        merchant_category_code,
        description
    from mapped
    where unmapped_reason is null

)

select * from contract
