{{ config(enabled=berka_enabled()) }}
{#- One row per Berka row that could not be mapped into the contract, and why. -#}
with

clients as (

    select
        'client' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__clients_mapped') }}
    where unmapped_reason is not null

),

accounts_and_cards as (

    select
        source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__accounts_mapped') }}
    where unmapped_reason is not null

),

transactions as (

    select
        'trans' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__transactions_mapped') }}
    where unmapped_reason is not null

),

loans as (

    select
        'loan' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__loans_mapped') }}
    where unmapped_reason is not null

),

unioned as (

    select * from clients
    union all
    select * from accounts_and_cards
    union all
    select * from transactions
    union all
    select * from loans

)

select * from unioned
