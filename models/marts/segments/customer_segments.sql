{#- One row per customer: segment and why, RFM and key features; no personal data. -#}
with

features as (

    select * from {{ ref('int_customer_features') }}

),

assignments as (

    select * from {{ ref('customer_segment_assignments') }}

),

reasons as (

    select * from {{ ref('customer_segment_reasons') }}

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
        reasons.runner_up_segment_name,
        reasons.assignment_confidence,
        reasons.reason_text,
        {%- for reason in [1, 2, 3] %}
            reasons.reason_{{ reason }}_feature,
            reasons.reason_{{ reason }}_customer_value,
            reasons.reason_{{ reason }}_segment_value,
            reasons.reason_{{ reason }}_population_value,
        {%- endfor %}
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
    inner join reasons
        on features.customer_id = reasons.customer_id

)

select * from joined
