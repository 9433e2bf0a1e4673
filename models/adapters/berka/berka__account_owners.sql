{#- One row per Berka account with its owner (the OWNER disposition's client). -#}
with

dispositions as (

    select * from {{ ref('stg_berka__dispositions') }}

),

owners as (

    select
        account_id,
        min(client_id) as owner_client_id
    from dispositions
    where disposition_type = 'OWNER'
    group by account_id

)

select * from owners
