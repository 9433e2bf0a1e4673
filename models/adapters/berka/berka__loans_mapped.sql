{#-
    One row per Berka loan of an account owner. Status A (finished, paid) -> closed, B
    (finished, not paid) -> default, C (running, OK) -> current, D (running, in debt) -> late.
    Berka gives the status at the end of the data (1998), not at the as-of date.
-#}
with

loans as (

    select * from {{ ref('stg_berka__loans') }}

),

owners as (

    select * from {{ ref('berka__account_owners') }}

),

mapped as (

    select
        loans.loan_id as record_key,
        'other' as product,
        loans.principal,
        loans.term_months,
        loans.originated_date,
        'L' || loans.loan_id as loan_id,
        'C' || owners.owner_client_id as customer_id,
        case loans.loan_status
            when 'A' then 'closed'
            when 'B' then 'default'
            when 'C' then 'current'
            when 'D' then 'late'
        end as status,
        case
            when owners.owner_client_id is null then 'account has no owner'
            when
                loans.loan_status not in ('A', 'B', 'C', 'D')
                then 'status is not A, B, C or D'
            when loans.originated_date is null then 'date is not a YYMMDD date'
        end as unmapped_reason
    from loans
    left join owners
        on loans.account_id = owners.account_id

)

select * from mapped
