{#-
    One row per Berka loan of an account owner, its status mapped by seed berka_loan_statuses.
    Berka gives the status at the end of the data (1998), not at the as-of date.
-#}
with

loans as (

    select * from {{ ref('stg_berka__loans') }}

),

owners as (

    select * from {{ ref('berka__account_owners') }}

),

statuses as (

    select * from {{ ref('berka_loan_statuses') }}

),

mapped as (

    select
        loans.loan_id as record_key,
        statuses.status,
        'other' as product,
        loans.principal,
        loans.term_months,
        loans.originated_date,
        'L' || loans.loan_id as loan_id,
        'C' || owners.owner_client_id as customer_id,
        case
            when owners.owner_client_id is null then 'account has no owner'
            when statuses.status is null
                then 'status is not in seed berka_loan_statuses'
            when loans.originated_date is null then 'date is not a YYMMDD date'
        end as unmapped_reason
    from loans
    left join owners
        on loans.account_id = owners.account_id
    left join statuses
        on loans.loan_status = statuses.loan_status

)

select * from mapped
