{#-
    One row per customer per as-of date, kept across builds. Building an as-of date that is
    already here replaces all of its rows (delete+insert on as_of_date), never duplicates.
-#}
{{ config(
    materialized='incremental',
    unique_key='as_of_date',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    grants=bi_grants()
) }}

with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

final as (

    select
        {{ customer_segment_columns() | join(",\n        ") }}
    from customer_segments

)

select * from final
