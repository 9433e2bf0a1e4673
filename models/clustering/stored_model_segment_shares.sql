{#-
    One row per segment of the stored model version that would score this as-of date (the
    latest trained on or before it), before any fit: its share of this date's customers
    under that version (the one scorer) and its share of the customers of the version's
    training date, as that build scored them (segment_history). What segmentation_decision
    weighs for share_retrain_points. The registry and the history are read as earlier builds
    left them (previous_build_relation); empty before the first fit, and when the model is
    imported or var segmentation_mode is fit (nothing is weighed then).
-#}
{%- set registry = previous_build_relation('segmentation_model') -%}
{%- set history = none -%}
{%- if registry is not none and segmentation_model_path() == ''
    and var('segmentation_mode') != 'fit' -%}
    {%- set history = previous_build_relation('segment_history') -%}
{%- endif -%}
-- the features are read only when a stored model is weighed
-- depends_on: {{ ref('int_customer_features') }}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

{%- if history is not none %}

features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ registry }}

),

history as (

    select * from {{ history }}

),

scored_as_of as (

    select as_of_date from feature_window

),

{{ chosen_model_version_ctes() }},

{{ nearest_segments_ctes(scoring_features(registry)) }},

segment_names as (

    select distinct
        segment_id,
        segment_name
    from model_rows

),

shares_now as (

    select
        segment_id,
        {{ ratio('count(*)', 'sum(count(*)) over ()') }} as customer_share
    from nearest_two
    group by segment_id

),

-- The customers of the version's training date, as that build scored them.
training_history as (

    select history.segment_id
    from history
    inner join chosen_version
        on
            history.model_version = chosen_version.model_version
            and history.as_of_date = cast(chosen_version.as_of_date as date)

),

shares_at_training as (

    select
        segment_id,
        {{ ratio('count(*)', 'sum(count(*)) over ()') }} as customer_share
    from training_history
    group by segment_id

),

{%- endif %}

share_changes as (

    {%- if history is not none %}
        select
            segment_names.segment_name,
            cast(100 * coalesce(shares_now.customer_share, 0) as double)
                as share_now_points,
            cast(100 * shares_at_training.customer_share as double)
                as share_at_training_points,
            cast(
                100 * abs(
                    coalesce(shares_now.customer_share, 0)
                    - shares_at_training.customer_share
                ) as double
            ) as change_points
        from segment_names
        inner join shares_at_training
            on segment_names.segment_id = shares_at_training.segment_id
        left join shares_now
            on segment_names.segment_id = shares_now.segment_id
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as segment_name,
            cast(null as double) as share_now_points,
            cast(null as double) as share_at_training_points,
            cast(null as double) as change_points
        from feature_window
        where 1 = 0
    {%- endif %}

)

select * from share_changes
