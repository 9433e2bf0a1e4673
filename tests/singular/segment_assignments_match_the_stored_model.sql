-- Every assignment names a segment id and name that exist together in its model.
with

assignments as (

    select * from {{ ref('customer_segment_assignments') }}

),

segments as (

    select distinct
        model_version,
        segment_id,
        segment_name
    from {{ segmentation_model_registry() }}

)

select assignments.customer_id
from assignments
left join segments
    on
        assignments.model_version = segments.model_version
        and assignments.segment_id = segments.segment_id
        and assignments.segment_name = segments.segment_name
where segments.segment_id is null
