with

quarantined_rows as (

    select * from {{ ref('quarantined_rows') }}

),

-- the raw value the rule judged: the field its first word names, or the line's text
judged as (

    select
        source_table,
        rejection_reason,
        coalesce(
            {{ json_field_text(
                'raw_record', dbt.split_part('rejection_reason', "' '", 1)
            ) }},
            {{ json_field_text('raw_record', "'text'") }}
        ) as judged_value
    from quarantined_rows

),

counted_by_reason as (

    select
        source_table as table_name,
        rejection_reason,
        cast(count(*) as bigint) as rows_rejected,
        min(judged_value) as sample_value,
        {{ reading_setting_of_rule('rejection_reason') }} as reading_setting,
        {{ is_redelivery_rule('rejection_reason') }} as is_redelivery
    from judged
    group by source_table, rejection_reason

)

select * from counted_by_reason
