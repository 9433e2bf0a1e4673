{#- The contract's accounts from Berka: accounts (current), cards (credit_card). -#}
with

mapped as (

    select * from {{ ref('berka__accounts_mapped') }}

),

contract as (

    select
        account_id,
        customer_id,
        product_type,
        opened_date,
        cast(null as date) as closed_date,
        cast(null as decimal(18, 2)) as credit_limit,
        'CZK' as currency
    from mapped
    where unmapped_reason is null

)

select * from contract
