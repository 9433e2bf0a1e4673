-- No segment holds less than the min_segment_share its model version was fitted with.
with

assignments as (

    select * from {{ ref('customer_segment_assignments') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

version_settings as (

    select distinct
        model_version,
        min_segment_share
    from stored_models

),

segment_sizes as (

    select
        model_version,
        segment_id,
        {{ ratio('count(*)', 'sum(count(*)) over ()') }} as customer_share
    from assignments
    group by model_version, segment_id

)

select segment_sizes.*
from segment_sizes
inner join version_settings
    on segment_sizes.model_version = version_settings.model_version
where segment_sizes.customer_share < version_settings.min_segment_share
