{#- Berka has no loan applications: the contract table is empty (features become 0). -#}
with

contract as (

    select
        cast(null as varchar) as application_id,
        cast(null as varchar) as customer_id,
        cast(null as timestamp) as applied_at,
        cast(null as varchar) as product,
        cast(null as decimal(18, 2)) as requested_amount,
        cast(null as varchar) as decision
    where false

)

select * from contract
