{#- The raw contract's loans from Berka (product 'other': Berka does not say which). -#}
with

mapped as (

    select * from {{ ref('berka__loans_mapped') }}

),

contract as (

    select
        loan_id,
        customer_id,
        product,
        principal,
        originated_date,
        term_months,
        status
    from mapped
    where unmapped_reason is null

)

select * from contract
