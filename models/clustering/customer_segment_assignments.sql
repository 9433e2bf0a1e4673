{#-
    One row per customer per as-of date: every customer scored against the stored model in
    SQL, so the per-customer work runs in the engine (DuckDB, Spark, ...) and only the fit (on
    a bounded sample) needs Python. The model version from var segmentation_model_version,
    else the latest trained on or before the as-of date; impute, signed log, clip and
    standardise with the stored parameters; Euclidean distance to each stored centroid;
    nearest and runner-up (ties go to the lower segment id).
-#}
{%- set candidate_features = scoring_features() -%}
with

features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

scored_as_of as (

    select as_of_date from {{ ref('feature_window') }}

),

{{ chosen_model_version_ctes() }},

{{ nearest_segments_ctes(candidate_features) }}

select
    nearest_two.customer_id,
    chosen_version.model_version,
    features.as_of_date,
    nearest_two.segment_id,
    nearest_two.segment_name,
    nearest_two.distance_to_centroid,
    nearest_two.runner_up_segment_id,
    nearest_two.runner_up_distance,
    nearest_two.runner_up_distance - nearest_two.distance_to_centroid as margin
from nearest_two
inner join features
    on nearest_two.customer_id = features.customer_id
cross join chosen_version
