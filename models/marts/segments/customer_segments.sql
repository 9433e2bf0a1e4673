{{ config(grants=bi_grants()) }}

{#- One row per customer: current segment, RFM and key features; no personal data. -#}
with

features as (

    select * from {{ ref('int_customer_features') }}

),

assignments as (

    select * from {{ segment_assignments() }}

),

joined as (

    select
        features.customer_id,
        assignments.model_version,
        assignments.segment_name,
        features.rfm_label,
        {{ age_band('features.age_years') }} as age_band,
        coalesce(features.region, 'unknown') as region,
        cast(assignments.segment_id as integer) as segment_id,
        cast(assignments.runner_up_segment_id as integer) as runner_up_segment_id,
        cast(assignments.distance_to_centroid as double) as distance_to_centroid,
        cast(assignments.margin as double) as margin,
        features.r_score,
        features.f_score,
        features.m_score,
        {%- for feature in profile_features() %}
            features.{{ feature }},
        {%- endfor %}
        features.has_credit_card,
        features.has_recurring_income,
        features.as_of_date
    from features
    inner join assignments
        on features.customer_id = assignments.customer_id

)

select * from joined
