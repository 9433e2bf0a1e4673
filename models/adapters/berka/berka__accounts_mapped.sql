{#-
    One row per Berka account (mapped to a current account of its owner) and per card (a
    credit_card account of the owner of the card's account; Berka gives no limit, and card
    withdrawals stay booked on the current account, as in the data).
-#}
with

accounts as (

    select * from {{ ref('stg_berka__accounts') }}

),

dispositions as (

    select * from {{ ref('stg_berka__dispositions') }}

),

cards as (

    select * from {{ ref('stg_berka__cards') }}

),

owners as (

    select * from {{ ref('berka__account_owners') }}

),

current_accounts as (

    select
        'account' as source_table,
        accounts.account_id as record_key,
        'A' || accounts.account_id as account_id,
        'C' || owners.owner_client_id as customer_id,
        'current' as product_type,
        accounts.opened_date,
        case
            when owners.owner_client_id is null then 'account has no owner'
            when accounts.opened_date is null then 'date is not a YYMMDD date'
        end as unmapped_reason
    from accounts
    left join owners
        on accounts.account_id = owners.account_id

),

card_accounts as (

    select
        'card' as source_table,
        cards.card_id as record_key,
        'K' || cards.card_id as account_id,
        'C' || owners.owner_client_id as customer_id,
        'credit_card' as product_type,
        cards.issued_date as opened_date,
        case
            when dispositions.disposition_id is null then 'disp_id not found in disp'
            when owners.owner_client_id is null then 'card account has no owner'
            when cards.issued_date is null then 'issued is not a YYMMDD date'
        end as unmapped_reason
    from cards
    left join dispositions
        on cards.disposition_id = dispositions.disposition_id
    left join owners
        on dispositions.account_id = owners.account_id

),

unioned as (

    select * from current_accounts
    union all
    select * from card_accounts

)

select * from unioned
