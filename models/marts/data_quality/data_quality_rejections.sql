with

quarantined_rows as (

    select * from {{ ref('quarantined_rows') }}

),

counted_by_reason as (

    select
        source_table as table_name,
        rejection_reason,
        cast(count(*) as bigint) as rows_rejected
    from quarantined_rows
    group by source_table, rejection_reason

)

select * from counted_by_reason
