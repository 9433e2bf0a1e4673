{#-
    One row per as-of date built, kept across builds: what the build did about the model
    (segmentation_decision: fit, score or retrain, and why) and the model version that scored
    the date. Rebuilding a date replaces its row; a log, so --full-refresh keeps it.
-#}
{{ config(**incremental_by_as_of_date()) }}

with

decision as (

    select * from {{ ref('segmentation_decision') }}

),

assignments as (

    select * from {{ ref('customer_segment_assignments') }}

),

scoring_version as (

    select distinct model_version
    from assignments

),

final as (

    select
        decision.action,
        decision.reason,
        scoring_version.model_version,
        decision.segmentation_mode,
        decision.stored_model_version,
        decision.model_age_months,
        decision.largest_psi_feature,
        decision.largest_feature_psi,
        decision.largest_share_change_segment,
        decision.largest_share_change_points,
        decision.as_of_date
    from decision
    left join scoring_version
        on 1 = 1

)

select * from final
