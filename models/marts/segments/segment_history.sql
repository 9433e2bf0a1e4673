{#-
    One row per customer per as-of date, kept across builds: the columns of customer_segments
    without the reasons. Building an as-of date that is already here replaces all of its rows,
    never duplicates: delete+insert on as_of_date, or on Spark (Parquet tables have no delete)
    an insert_overwrite of the as_of_date partition.
-#}
{{ config(**incremental_by_as_of_date(on_schema_change='append_new_columns')) }}

with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

final as (

    select
        customer_id,
        model_version,
        segment_name,
        rfm_label,
        age_band,
        region,
        segment_id,
        runner_up_segment_id,
        distance_to_centroid,
        margin,
        r_score,
        f_score,
        m_score,
        {%- for feature in profile_features() %}
            {{ feature }},
        {%- endfor %}
        has_credit_card,
        has_recurring_income,
        as_of_date
    from customer_segments

)

select * from final
