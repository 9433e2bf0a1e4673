-- No segment holds less than the min_segment_share its model version was fitted
-- with, on the date it was fitted (the fit's rule). On a later date a stored model
-- scores, a segment may shrink: that is drift, which segmentation_decision weighs
-- (share_retrain_points).
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
        cast(as_of_date as date) as trained_as_of_date,
        min_segment_share
    from stored_models

),

segment_sizes as (

    select
        model_version,
        as_of_date,
        segment_id,
        {{ ratio('count(*)', 'sum(count(*)) over ()') }} as customer_share
    from assignments
    group by model_version, as_of_date, segment_id

)

select segment_sizes.*
from segment_sizes
inner join version_settings
    on
        segment_sizes.model_version = version_settings.model_version
        and segment_sizes.as_of_date = version_settings.trained_as_of_date
where segment_sizes.customer_share < version_settings.min_segment_share
