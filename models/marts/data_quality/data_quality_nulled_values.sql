{#-
    Values staging keeps the row of but does not use (null for profiling), per table, column
    and reason: today the birth dates that cannot be true.
-#}
with

customers as (

    select birth_date_issue from {{ ref('stg_core_banking__customers') }}

),

counted as (

    select
        'customers' as table_name,
        'birth_date' as column_name,
        birth_date_issue as reason,
        cast(count(*) as bigint) as rows_nulled
    from customers
    where birth_date_issue is not null
    group by birth_date_issue

)

select * from counted
