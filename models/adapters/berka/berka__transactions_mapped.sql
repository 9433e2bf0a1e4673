{#-
    One row per Berka transaction with its contract direction and channel from type,
    operation and k_symbol (codes in ../shared/data/berka/README.md):
    PRIJEM = credit; VYDAJ and VYBER = debit. VYBER KARTOU (card withdrawal) -> atm;
    VKLAD (cash in) and VYBER (cash out) -> branch, but a VYBER with k_symbol SIPO (a
    household bill paid in cash) -> direct_debit; PREVOD Z UCTU (from another bank) ->
    transfer, standing_order for DUCHOD (pension); PREVOD NA UCET (to another bank) ->
    direct_debit for SIPO (household), UVER (loan), POJISTNE (insurance), LEASING, else
    transfer; UROK -> interest credit; SANKC. UROK (penalty interest) -> interest debit;
    SLUZBY (statement fee) -> fee.
-#}
with

transactions as (

    select * from {{ ref('stg_berka__transactions') }}

),

classified as (

    select
        *,
        case
            when trans_type = 'PRIJEM' then 'credit'
            when trans_type in ('VYDAJ', 'VYBER') then 'debit'
        end as direction,
        case
            when k_symbol = 'SLUZBY' then 'fee'
            when k_symbol in ('UROK', 'SANKC. UROK') then 'interest'
            when operation_code = 'VYBER KARTOU' then 'atm'
            when
                operation_code in ('VKLAD', 'VYBER') and k_symbol = 'SIPO'
                then 'direct_debit'
            when operation_code in ('VKLAD', 'VYBER') then 'branch'
            when
                operation_code = 'PREVOD Z UCTU' and k_symbol = 'DUCHOD'
                then 'standing_order'
            when operation_code = 'PREVOD Z UCTU' then 'transfer'
            when
                operation_code = 'PREVOD NA UCET'
                and k_symbol in ('SIPO', 'UVER', 'POJISTNE', 'LEASING')
                then 'direct_debit'
            when operation_code = 'PREVOD NA UCET' then 'transfer'
        end as channel,
        case k_symbol
            when 'SIPO' then '4900'
            when 'POJISTNE' then '6300'
        end as merchant_category_code,
        case
            when k_symbol = 'SIPO' then 'HOUSEHOLD PAYMENT'
            when k_symbol = 'DUCHOD' then 'PENSION'
            when k_symbol = 'UVER' then 'LOAN PAYMENT'
            when k_symbol = 'POJISTNE' then 'INSURANCE'
            when k_symbol = 'LEASING' then 'LEASING'
            when k_symbol = 'SLUZBY' then 'STATEMENT FEE'
            when k_symbol = 'SANKC. UROK' then 'PENALTY INTEREST'
            when k_symbol = 'UROK' then 'INTEREST'
            when operation_code = 'VYBER KARTOU' then 'CARD WITHDRAWAL'
            when operation_code = 'VKLAD' then 'CASH DEPOSIT'
            when operation_code = 'VYBER' then 'CASH WITHDRAWAL'
            else 'TRANSFER'
        end as description
    from transactions

),

mapped as (

    select
        trans_id as record_key,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        balance_after,
        booked_date,
        'T' || trans_id as transaction_id,
        'A' || account_id as account_id,
        case
            when booked_date is null then 'date is not a YYMMDD date'
            when amount is null then 'amount is not a number'
            when direction is null then 'type is not PRIJEM, VYDAJ or VYBER'
            when channel is null then 'operation and k_symbol match no channel rule'
        end as unmapped_reason
    from classified

)

select * from mapped
