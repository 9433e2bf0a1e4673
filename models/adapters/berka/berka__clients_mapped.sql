{#-
    One row per Berka client, mapped to a customer when it owns an account. birth_number is
    YYMMDD with 50 added to the month for women.
-#}
with

clients as (

    select * from {{ ref('stg_berka__clients') }}

),

dispositions as (

    select * from {{ ref('stg_berka__dispositions') }}

),

accounts as (

    select * from {{ ref('stg_berka__accounts') }}

),

districts as (

    select * from {{ ref('stg_berka__districts') }}

),

owned_accounts as (

    select
        dispositions.client_id,
        min(accounts.opened_date) as first_account_opened_date
    from dispositions
    inner join accounts
        on dispositions.account_id = accounts.account_id
    where dispositions.disposition_type = 'OWNER'
    group by dispositions.client_id

),

decoded as (

    select
        clients.client_id,
        districts.region_name,
        owned_accounts.first_account_opened_date,
        try_cast(substr(clients.birth_number, 3, 2) as integer) > 50 as is_female,
        try_cast(left(clients.birth_number, 2) as integer) as birth_year_2d,
        try_cast(substr(clients.birth_number, 3, 2) as integer) % 50 as birth_month,
        try_cast(substr(clients.birth_number, 5, 2) as integer) as birth_day
    from clients
    left join owned_accounts
        on clients.client_id = owned_accounts.client_id
    left join districts
        on clients.district_id = districts.district_id

),

mapped as (

    select
        client_id as record_key,
        region_name as region,
        first_account_opened_date as onboarded_date,
        'C' || client_id as customer_id,
        case when is_female then 'F' else 'M' end as gender,
        try_cast(
            make_date(1900 + birth_year_2d, birth_month, birth_day) as date
        ) as birth_date,
        case
            when first_account_opened_date is null
                then 'client is only a disponent, not an account owner'
        end as unmapped_reason
    from decoded

)

select * from mapped
