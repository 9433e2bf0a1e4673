{#-
    One row per as-of date in segment_history per segment: its share of customers then, at the
    training of the model version that scored the date, and on the previous as-of date, with
    the changes in percentage points; on a version's training date, how far each segment's
    centroid moved from the previous version's (same segment id; Euclidean, in the new
    version's scaled units).
-#}
with

history as (

    select * from {{ ref('segment_history') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

segment_counts as (

    select
        as_of_date,
        model_version,
        segment_id,
        segment_name,
        count(*) as customers
    from history
    group by as_of_date, model_version, segment_id, segment_name

),

segment_shares as (

    select
        as_of_date,
        model_version,
        segment_id,
        segment_name,
        customers,
        customers * 100.0 / sum(customers) over (partition by as_of_date)
            as customer_share_pct,
        dense_rank() over (order by as_of_date) as date_rank
    from segment_counts

),

training_shares as (

    select distinct
        model_version,
        cast(as_of_date as date) as training_as_of_date,
        segment_id,
        segment_training_customers * 100.0 / training_customers as share_at_training_pct
    from stored_models

),

-- Each centroid of a version with the parent's, and the version's transform.
centroid_pairs as (

    select
        new_version.model_version,
        new_version.segment_id,
        new_version.centroid_scaled,
        parent_version.centroid_original as parent_centroid_original,
        {{ transform_parameters('new_version') }}
    from stored_models as new_version
    inner join stored_models as parent_version
        on
            new_version.parent_model_version = parent_version.model_version
            and new_version.segment_id = parent_version.segment_id
            and new_version.feature = parent_version.feature

),

centroid_movements as (

    select
        model_version,
        segment_id,
        sqrt(sum(power(
            centroid_scaled
            - {{ standardised_feature('parent_centroid_original', 'transform') }},
            2
        ))) as centroid_movement
    from centroid_pairs
    group by model_version, segment_id

),

final as (

    select
        current_shares.as_of_date,
        current_shares.segment_id,
        current_shares.segment_name,
        current_shares.model_version,
        current_shares.customers,
        current_shares.customer_share_pct,
        training_shares.training_as_of_date,
        training_shares.share_at_training_pct,
        previous_shares.as_of_date as previous_as_of_date,
        previous_shares.customer_share_pct as previous_share_pct,
        current_shares.customer_share_pct - training_shares.share_at_training_pct
            as change_vs_training_points,
        current_shares.customer_share_pct - previous_shares.customer_share_pct
            as change_vs_previous_points,
        case
            when current_shares.as_of_date = training_shares.training_as_of_date
                then centroid_movements.centroid_movement
        end as centroid_movement
    from segment_shares as current_shares
    left join training_shares
        on
            current_shares.model_version = training_shares.model_version
            and current_shares.segment_id = training_shares.segment_id
    left join segment_shares as previous_shares
        on
            current_shares.segment_id = previous_shares.segment_id
            and current_shares.date_rank = previous_shares.date_rank + 1
    left join centroid_movements
        on
            current_shares.model_version = centroid_movements.model_version
            and current_shares.segment_id = centroid_movements.segment_id

)

select * from final
