{#-
    One row: what this build does about the model, decided before the fit (var
    segmentation_mode). auto: score with the stored model (the latest trained on or before
    the as-of date), but fit when there is none, and retrain when the model is
    retrain_after_months old, when a feature it clusters on has a PSI against the model's
    training date above psi_retrain_threshold, or when a segment's share of customers moved
    more than share_retrain_points since training. fit and score override. The evidence:
    the registry and the bin shares kept by earlier builds (built after this model, so read
    with previous_build_relation, not ref), this date's bin shares and segment shares under
    the stored model (stored_model_feature_shares, stored_model_segment_shares).
-#}
{%- set mode = var('segmentation_mode') -%}
{%- set imported = segmentation_model_path() != '' -%}
{%- set registry = previous_build_relation('segmentation_model') -%}
{%- set forced_rule = (
    'mode_fit' if mode == 'fit' else 'imported' if imported
    else 'mode_score' if mode == 'score' else none
) -%}
{%- set compares = registry is not none and not imported and mode != 'fit' -%}
{%- set kept_shares = none -%}
{%- if compares -%}
    {%- set kept_shares = previous_build_relation('feature_bin_shares') -%}
{%- endif -%}
-- the shares under the stored model are read only when it is weighed
-- depends_on: {{ ref('stored_model_feature_shares') }}
-- depends_on: {{ ref('stored_model_segment_shares') }}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

{%- if compares %}

stored_models as (

    select * from {{ registry }}

),

scored_as_of as (

    select as_of_date from feature_window

),

{{ chosen_model_version_ctes() }},

shares_now as (

    select * from {{ ref('stored_model_feature_shares') }}

),

{%- if kept_shares is not none %}

-- The shares of the version's training date, kept when that date was built: every feature
-- the version clusters on.
shares_at_training as (

    select kept_shares.*
    from {{ kept_shares }} as kept_shares
    inner join chosen_version
        on
            kept_shares.model_version = chosen_version.model_version
            and kept_shares.as_of_date = cast(chosen_version.as_of_date as date)

),

watched_features as (

    select distinct feature from shares_at_training

),

bin_numbers as (

    {{ drift_bin_numbers() }}

),

feature_psi as (

    select
        watched_features.feature,
        {{ population_stability_index(
            psi_share('shares_now.customer_share'),
            psi_share('shares_at_training.customer_share')
        ) }} as psi
    from watched_features
    cross join bin_numbers
    left join shares_now
        on
            watched_features.feature = shares_now.feature
            and bin_numbers.bin_number = shares_now.bin_number
    left join shares_at_training
        on
            watched_features.feature = shares_at_training.feature
            and bin_numbers.bin_number = shares_at_training.bin_number
    group by watched_features.feature

),

{%- else %}

feature_psi as (

    select
        cast(null as {{ dbt.type_string() }}) as feature,
        cast(null as double) as psi
    where 1 = 0

),

{%- endif %}

largest_psi as (

    select
        feature,
        psi,
        row_number() over (order by psi desc, feature) as psi_rank
    from feature_psi

),

segment_shares as (

    select * from {{ ref('stored_model_segment_shares') }}

),

largest_share_change as (

    select
        segment_name,
        share_now_points,
        share_at_training_points,
        change_points,
        row_number() over (order by change_points desc, segment_name) as change_rank
    from segment_shares

),

{%- endif %}

evidence as (

    {%- if compares %}
        select
            chosen_version.model_version as stored_model_version,
            cast(chosen_version.as_of_date as date) as stored_model_as_of_date,
            cast(
                {{ calendar_months_between(
                    'cast(chosen_version.as_of_date as date)', 'feature_window.as_of_date'
                ) }} as integer
            ) as model_age_months,
            largest_psi.feature as largest_psi_feature,
            cast(largest_psi.psi as double) as largest_feature_psi,
            largest_share_change.segment_name as largest_share_change_segment,
            cast(largest_share_change.share_now_points as double) as share_now_points,
            cast(largest_share_change.share_at_training_points as double)
                as share_at_training_points,
            cast(largest_share_change.change_points as double)
                as largest_share_change_points
        from chosen_version
        cross join feature_window
        left join largest_psi
            on largest_psi.psi_rank = 1
        left join largest_share_change
            on largest_share_change.change_rank = 1
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as stored_model_version,
            cast(null as date) as stored_model_as_of_date,
            cast(null as integer) as model_age_months,
            cast(null as {{ dbt.type_string() }}) as largest_psi_feature,
            cast(null as double) as largest_feature_psi,
            cast(null as {{ dbt.type_string() }}) as largest_share_change_segment,
            cast(null as double) as share_now_points,
            cast(null as double) as share_at_training_points,
            cast(null as double) as largest_share_change_points
        from feature_window
        where 1 = 0
    {%- endif %}

),

-- The rule that decides: the mode's when it forces one, else the first that holds.
ruled as (

    select
        feature_window.as_of_date,
        evidence.stored_model_version,
        evidence.stored_model_as_of_date,
        evidence.model_age_months,
        evidence.largest_psi_feature,
        evidence.largest_feature_psi,
        evidence.largest_share_change_segment,
        evidence.share_now_points,
        evidence.share_at_training_points,
        evidence.largest_share_change_points,
        {%- if forced_rule %}
            '{{ forced_rule }}' as decisive_rule
        {%- else %}
            case
                when evidence.stored_model_version is null then 'no_model'
                when evidence.stored_model_as_of_date = feature_window.as_of_date
                    then 'trained_on_this_date'
                when evidence.model_age_months >= {{ var('retrain_after_months') }}
                    then 'old'
                when evidence.largest_feature_psi > {{ var('psi_retrain_threshold') }}
                    then 'feature_moved'
                when
                    evidence.largest_share_change_points
                    > {{ var('share_retrain_points') }}
                    then 'share_moved'
                else 'stable'
            end as decisive_rule
        {%- endif %}
    from feature_window
    left join evidence
        on 1 = 1

),

decided as (

    select
        as_of_date,
        stored_model_version,
        model_age_months,
        largest_psi_feature,
        largest_feature_psi,
        largest_share_change_segment,
        largest_share_change_points,
        '{{ mode }}' as segmentation_mode,
        case
            when decisive_rule in ('mode_fit', 'no_model') then 'fit'
            when decisive_rule in ('old', 'feature_moved', 'share_moved') then 'retrain'
            else 'score'
        end as action,  -- noqa: RF04
        case decisive_rule
            when 'mode_fit'
                then 'segmentation_mode fit: a model is fitted on every build'
            when 'imported'
                then 'the model is imported (var segmentation_model_path)'
            when 'mode_score'
                then
                    'segmentation_mode score: the stored model scores, whatever the '
                    || 'drift'
            when 'no_model'
                then
                    'no stored model trained on or before '
                    || cast(as_of_date as {{ dbt.type_string() }})
            when 'trained_on_this_date'
                then 'the stored model was trained on this as-of date'
            when 'old'
                then
                    'the model was trained on '
                    || cast(stored_model_as_of_date as {{ dbt.type_string() }})
                    || ', ' || cast(model_age_months as {{ dbt.type_string() }})
                    || ' months ago (retrain_after_months: '
                    || '{{ var("retrain_after_months") }})'
            when 'feature_moved'
                then
                    largest_psi_feature || ' moved since training: PSI '
                    || {{ grouped_number('largest_feature_psi', 2) }}
                    || ' (psi_retrain_threshold: {{ var("psi_retrain_threshold") }})'
            when 'share_moved'
                then
                    'segment ' || largest_share_change_segment || ' holds '
                    || {{ grouped_number('share_now_points', 1) }}
                    || ' % of the customers, '
                    || {{ grouped_number('share_at_training_points', 1) }}
                    || ' % at training (share_retrain_points: '
                    || '{{ var("share_retrain_points") }})'
            else
                'stable since training on '
                || cast(stored_model_as_of_date as {{ dbt.type_string() }})
                || ': largest PSI '
                || coalesce(
                    {{ grouped_number('largest_feature_psi', 2) }}
                    || ' (' || largest_psi_feature || ')', 'unknown'
                )
                || ', largest share change '
                || coalesce(
                    {{ grouped_number('largest_share_change_points', 1) }}
                    || ' points (' || largest_share_change_segment || ')',
                    'unknown'
                )
        end as reason
    from ruled

)

select * from decided
