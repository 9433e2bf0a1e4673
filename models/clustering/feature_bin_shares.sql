{#-
    One row per as-of date per model version per clustering feature per drift bin: the share
    of the date's customers in the bin. Kept for the version that scored the date
    (is_scoring_version) and for the stored version the build weighed before any fit
    (stored_model_feature_shares); built each build for its as-of date, replacing that date's
    rows. Every clustered feature of a version is here, whatever the segment marts carry:
    segment_feature_drift and segmentation_decision compare dates from these rows.
-#}
{{ config(**incremental_by_as_of_date()) }}
{%- set features = scoring_features() %}
with

features as (

    select * from {{ ref('int_customer_features') }}

),

bins as (

    select * from {{ ref('segment_drift_bins') }}

),

assignments as (

    select * from {{ ref('customer_segment_assignments') }}

),

stored_model_shares as (

    select * from {{ ref('stored_model_feature_shares') }}

),

scoring_version as (

    select distinct model_version from assignments

),

weighed_versions as (

    select distinct model_version from stored_model_shares

),

-- the scoring version's bins, unless the stored version's shares hold them already
versions_to_bin as (

    select bins.*
    from bins
    inner join scoring_version
        on bins.model_version = scoring_version.model_version
    left join weighed_versions
        on bins.model_version = weighed_versions.model_version
    where weighed_versions.model_version is null

),

scoring_version_shares as (

    {{ binned_feature_shares('features', 'versions_to_bin', features) }}

),

all_shares as (

    select * from stored_model_shares
    union all
    select * from scoring_version_shares

),

flagged as (

    select
        all_shares.*,
        scoring_version.model_version is not null as is_scoring_version
    from all_shares
    left join scoring_version
        on all_shares.model_version = scoring_version.model_version

),

final as (

    select
        model_version,
        feature,
        bin_number,
        customer_share,
        is_scoring_version,
        as_of_date
    from flagged

)

select * from final
