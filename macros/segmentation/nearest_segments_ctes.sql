{% macro nearest_segments_ctes(candidate_features) %}
    {#-
        The scorer, as CTEs to follow the caller's own: every row of the caller's CTE
        `features` (customer_id, as_of_date and the candidate features) against the model
        version in its CTE `model_rows` (one version's registry rows): impute, signed log, clip and standardise
        with the stored parameters; Euclidean distance to each stored centroid; the nearest
        and the runner-up (ties go to the lower segment id), in the CTE nearest_two
        (customer_id, segment_id, segment_name, distance_to_centroid, runner_up_segment_id,
        runner_up_distance). The one place a customer is scored.
    -#}
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
{%- endmacro %}
