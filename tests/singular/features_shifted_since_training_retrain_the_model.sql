{#-
    The population the model in use was fitted on has moved: a clustering feature's PSI on the
    latest as-of date against the model's training date is above var psi_retrain_threshold.
    An error in segmentation_mode score (a stored model applied to a new month: retrain with
    segmentation_mode fit); a warning in fit mode (the model was just refitted on this date).
-#}
{#- In score mode the failing rows are kept (store_failures) in
    main_dbt_test__audit.features_shifted_since_training_retrain_the_model. -#}
{%- set scoring = var('segmentation_mode') == 'score' %}
{{ config(severity='error' if scoring else 'warn', store_failures=scoring) }}
with

drift as (

    select * from {{ ref('segment_feature_drift') }}

)

select
    feature,
    psi_vs_training,
    training_as_of_date,
    as_of_date,
    'retrain: dbt build --vars ''{segmentation_mode: fit}''' as what_to_do
from drift
where
    as_of_date = (select max(latest.as_of_date) from drift as latest)
    and psi_vs_training > {{ var('psi_retrain_threshold') }}
order by psi_vs_training desc
