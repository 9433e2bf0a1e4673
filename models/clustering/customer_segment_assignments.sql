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

usable_versions as (

    select distinct
        stored_models.as_of_date,
        stored_models.model_version
    from stored_models
    cross join scored_as_of
    {% if var('segmentation_model_version') %}
        where stored_models.model_version = '{{ var("segmentation_model_version") }}'
    {% else %}
        where
            cast(stored_models.as_of_date as date)
            <= cast(scored_as_of.as_of_date as date)
    {% endif %}

),

ranked_versions as (

    select
        model_version,
        row_number() over (order by as_of_date desc, model_version desc) as version_rank
    from usable_versions

),

chosen_version as (

    select model_version
    from ranked_versions
    where version_rank = 1

),

model_rows as (

    select stored_models.*
    from stored_models
    inner join chosen_version
        on stored_models.model_version = chosen_version.model_version

),

-- The chosen model in two small relations, one column per feature: its transform
-- parameters in one row, and its centroids, one row per segment.
parameters as (

    select
        {%- for feature in candidate_features %}
            max(case when feature = '{{ feature }}' then imputation_value end)
                as {{ feature }}__imputation_value,
            max(
                case
                    when feature = '{{ feature }}' and is_log_transformed then 1
                    when feature = '{{ feature }}' then 0
                end
            ) = 1 as {{ feature }}__is_log_transformed,
            max(case when feature = '{{ feature }}' then clip_low end)
                as {{ feature }}__clip_low,
            max(case when feature = '{{ feature }}' then clip_high end)
                as {{ feature }}__clip_high,
            max(case when feature = '{{ feature }}' then center end)
                as {{ feature }}__center,
            max(case when feature = '{{ feature }}' then scale end)
                as {{ feature }}__scale,
        {%- endfor %}
        count(*) as model_rows
    from model_rows

),

centroids as (

    select
        segment_id,
        segment_name,
        {%- for feature in candidate_features %}
            max(case when feature = '{{ feature }}' then centroid_scaled end)
                as {{ feature }},
        {%- endfor %}
        count(*) as model_rows
    from model_rows
    group by segment_id, segment_name

),

-- Impute, signed log, clip and standardise with the stored parameters.
scaled as (

    select
        features.customer_id,
        {%- for feature in candidate_features %}
            {{ standardised_feature('features.' ~ feature, 'parameters.' ~ feature) }}
                as {{ feature }},
        {%- endfor %}
        features.as_of_date
    from features
    cross join parameters

),

-- Euclidean distance to every centroid; a feature the chosen version does not use has
-- no centroid and adds nothing.
distances as (

    select
        scaled.customer_id,
        centroids.segment_id,
        centroids.segment_name,
        sqrt(
            {%- for feature in candidate_features %}
                coalesce(
                    (scaled.{{ feature }} - centroids.{{ feature }})
                    * (scaled.{{ feature }} - centroids.{{ feature }}),
                    0
                ) +
            {%- endfor %}
            0
        ) as distance
    from scaled
    cross join centroids

),

ranked as (

    select
        *,
        row_number() over (
            partition by customer_id order by distance, segment_id
        ) as distance_rank
    from distances

),

nearest_two as (

    select
        customer_id,
        max(case when distance_rank = 1 then segment_id end) as segment_id,
        max(case when distance_rank = 1 then segment_name end) as segment_name,
        max(case when distance_rank = 1 then distance end) as distance_to_centroid,
        max(case when distance_rank = 2 then segment_id end) as runner_up_segment_id,
        max(case when distance_rank = 2 then distance end) as runner_up_distance
    from ranked
    where distance_rank <= 2
    group by customer_id

)

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
