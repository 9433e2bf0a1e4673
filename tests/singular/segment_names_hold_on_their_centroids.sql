{{ config(severity='warn') }}
-- Every stored segment named by a rule of seed segment_naming_rules meets each
-- condition of that rule on its own centroid: the z-score within [min_z, max_z] and
-- the value in the feature's own units within [min_value, max_value]. A rule edited
-- after a fit warns here until the next fit renames the segment.
with

registry as (

    select * from {{ segmentation_model_registry() }}

),

naming_rules as (

    select * from {{ ref('segment_naming_rules') }}

),

named_segments as (

    select distinct
        model_version,
        segment_id,
        segment_name
    from registry

),

conditions as (

    select
        named_segments.model_version,
        named_segments.segment_id,
        named_segments.segment_name,
        naming_rules.feature,
        naming_rules.min_z,
        naming_rules.max_z,
        naming_rules.min_value,
        naming_rules.max_value
    from named_segments
    inner join naming_rules
        on named_segments.segment_name = naming_rules.segment_name

)

select
    conditions.*,
    registry.centroid_scaled,
    registry.centroid_original
from conditions
left join registry
    on
        conditions.model_version = registry.model_version
        and conditions.segment_id = registry.segment_id
        and conditions.feature = registry.feature
where
    registry.feature is null
    or registry.centroid_scaled < conditions.min_z
    or registry.centroid_scaled > conditions.max_z
    or registry.centroid_original < conditions.min_value
    or registry.centroid_original > conditions.max_value
