{#-
    Values staging keeps the row of but does not use (null for profiling and campaigns), per
    table, column and reason: birth dates that cannot be true, marketing consents that are not
    a yes or no.
-#}
with

customers as (

    select
        birth_date_issue,
        marketing_consent_issue
    from {{ ref('stg_core_banking__customers') }}

),

birth_dates_nulled as (

    select
        'customers' as table_name,
        'birth_date' as column_name,
        birth_date_issue as reason,
        cast(count(*) as bigint) as rows_nulled
    from customers
    where birth_date_issue is not null
    group by birth_date_issue

),

consents_nulled as (

    select
        'customers' as table_name,
        'marketing_consent' as column_name,
        marketing_consent_issue as reason,
        cast(count(*) as bigint) as rows_nulled
    from customers
    where marketing_consent_issue is not null
    group by marketing_consent_issue

),

counted as (

    select * from birth_dates_nulled
    union all
    select * from consents_nulled

)

select * from counted
