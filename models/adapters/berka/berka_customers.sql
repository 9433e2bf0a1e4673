{#- The raw contract's customers from Berka: clients who own an account. -#}
with

mapped as (

    select * from {{ ref('berka__clients_mapped') }}

),

contract as (

    select
        customer_id,
        birth_date,
        gender,
        region,
        onboarded_date
    from mapped
    where unmapped_reason is null

)

select * from contract
