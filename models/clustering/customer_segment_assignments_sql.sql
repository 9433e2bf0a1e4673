{#-
    The SQL twin of customer_segment_assignments: every customer scored against the stored
    model in SQL alone, so that on a distributed warehouse the per-customer work runs in the
    engine and only the fit (on a bounded sample) needs Python. Same rules as the Python
    scorer: the model version from var segmentation_model_version, else the latest trained on
    or before the as-of date; impute, signed log, clip and standardise with the stored
    parameters; Euclidean distance to each stored centroid; nearest and runner-up (ties go to
    the lower segment id). A singular test checks both scorers agree on every build.
-#}
{#- Only the features a stored model uses are unpivoted (read from the registry). -#}
{%- set candidate_features = numeric_columns(
    ref('int_customer_features'), exclude=['customer_id', 'as_of_date']
) or profile_features() -%}
{%- set stored_features = stored_model_features() -%}
{%- if stored_features -%}
    {%- set candidate_features = candidate_features | select('in', stored_features) | list -%}
{%- endif -%}
with

features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

scored_as_of as (

    select max(as_of_date) as as_of_date from features

),

usable_versions as (

    select distinct
        stored_models.as_of_date,
        stored_models.model_version
    from stored_models
    cross join scored_as_of
    {% if var('segmentation_model_version', '') %}
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

parameters as (

    select distinct
        feature,
        imputation_value,
        is_log_transformed,
        clip_low,
        clip_high,
        center,
        scale
    from model_rows

),

-- One row per customer per candidate feature; the join to parameters keeps the model's.
feature_values as (

    {% for feature in candidate_features %}
        select
            customer_id,
            '{{ feature }}' as feature,
            cast({{ feature }} as double) as feature_value
        from features
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

imputed as (

    select
        feature_values.customer_id,
        feature_values.feature,
        parameters.is_log_transformed,
        parameters.clip_low,
        parameters.clip_high,
        parameters.center,
        parameters.scale,
        coalesce(
            feature_values.feature_value, parameters.imputation_value
        ) as feature_value
    from feature_values
    inner join parameters
        on feature_values.feature = parameters.feature

),

scaled as (

    select
        customer_id,
        feature,
        (
            least(
                greatest(
                    case
                        when is_log_transformed
                            then sign(feature_value) * ln(1 + abs(feature_value))
                        else feature_value
                    end,
                    clip_low
                ),
                clip_high
            )
            - center
        ) / scale as scaled_value
    from imputed

),

distances as (

    select
        scaled.customer_id,
        model_rows.segment_id,
        model_rows.segment_name,
        sqrt(sum(
            (scaled.scaled_value - model_rows.centroid_scaled)
            * (scaled.scaled_value - model_rows.centroid_scaled)
        )) as distance
    from scaled
    inner join model_rows
        on scaled.feature = model_rows.feature
    group by scaled.customer_id, model_rows.segment_id, model_rows.segment_name

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
