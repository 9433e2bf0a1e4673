{#-
    One row: what this build does about the model, decided before the fit (var
    segmentation_mode). auto: score with the stored model (the latest trained on or before
    the as-of date), but fit when there is none, and retrain when the model is
    retrain_after_months old, when a clustering feature's PSI against the model's training
    date is above psi_retrain_threshold, or when a segment's share of customers moved more
    than share_retrain_points since training. fit and score override. The evidence is the
    state earlier builds left (the registry, the drift bins and the segment history: they are
    built after this model, so read with previous_build_relation, not ref); the customers of
    this as-of date are scored with the stored model by the one scorer.
-#}
{%- set mode = var('segmentation_mode') -%}
{%- set imported = segmentation_model_path() != '' -%}
{%- set registry = previous_build_relation('segmentation_model') -%}
{%- set forced_rule = (
    'mode_fit' if mode == 'fit' else 'imported' if imported
    else 'mode_score' if mode == 'score' else none
) -%}
{%- set compares = registry is not none and not imported and mode != 'fit' -%}
{%- set drift_bins = none -%}
{%- set history = none -%}
{%- if compares -%}
    {%- set drift_bins = previous_build_relation('segment_drift_bins') -%}
    {%- set history = previous_build_relation('segment_history') -%}
{%- endif -%}
{%- set has_history = drift_bins is not none and history is not none -%}
{%- set candidate_features = scoring_features(registry) if compares else [] -%}
{%- set watched_features = [] -%}
{%- if has_history -%}
    {%- set binned = run_query('select distinct feature from ' ~ drift_bins) -%}
    {%- set watched_features = binned.columns[0].values() | map('lower')
        | select('in', profile_features()) | select('in', candidate_features) | list -%}
{%- endif -%}
-- the features are read only when a stored model is weighed
-- depends_on: {{ ref('int_customer_features') }}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

{%- if compares %}

features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ registry }}

),

scored_as_of as (

    select as_of_date from feature_window

),

{{ chosen_model_version_ctes() }},

{{ nearest_segments_ctes(candidate_features) }},

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

{%- if has_history %}

history as (

    select * from {{ history }}

),

drift_bins as (

    select * from {{ drift_bins }}

),

-- The customers of the version's training date, as that build scored them.
training_history as (

    select history.*
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

share_changes as (

    select
        segment_names.segment_name,
        100 * coalesce(shares_now.customer_share, 0) as share_now_points,
        100 * shares_at_training.customer_share as share_at_training_points,
        100 * abs(
            coalesce(shares_now.customer_share, 0) - shares_at_training.customer_share
        ) as change_points
    from segment_names
    inner join shares_at_training
        on segment_names.segment_id = shares_at_training.segment_id
    left join shares_now
        on segment_names.segment_id = shares_now.segment_id

),

largest_share_change as (

    select
        segment_name,
        share_now_points,
        share_at_training_points,
        change_points,
        row_number() over (order by change_points desc, segment_name) as change_rank
    from share_changes

),

version_bins as (

    select drift_bins.*
    from drift_bins
    inner join chosen_version
        on drift_bins.model_version = chosen_version.model_version

),

-- Each customer's watched features, now and on the training date.
observed as (

    select
        {%- for feature in watched_features %}
            {{ feature }},
        {%- endfor %}
        'now' as period
    from features
    union all
    select
        {%- for feature in watched_features %}
            {{ feature }},
        {%- endfor %}
        'training' as period
    from training_history

),

binned as (

    {%- for feature in watched_features %}
        select
            observed.period,
            version_bins.feature,
            {{ drift_bin('observed.' ~ feature, 'version_bins') }} as bin_number
        from observed
        inner join version_bins
            on version_bins.feature = '{{ feature }}'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select
            period,
            'none' as feature,
            0 as bin_number
        from observed
        where 1 = 0
    {%- endfor %}

),

bin_shares as (

    select
        period,
        feature,
        bin_number,
        {{ ratio('count(*)', 'sum(count(*)) over (partition by period, feature)') }}
            as customer_share
    from binned
    group by period, feature, bin_number

),

bin_numbers as (

    {{ drift_bin_numbers() }}

),

feature_psi as (

    select
        version_bins.feature,
        {{ population_stability_index(
            psi_share('now_shares.customer_share'), psi_share('training_shares.customer_share')
        ) }} as psi
    from version_bins
    cross join bin_numbers
    left join bin_shares as now_shares
        on
            version_bins.feature = now_shares.feature
            and bin_numbers.bin_number = now_shares.bin_number
            and now_shares.period = 'now'
    left join bin_shares as training_shares
        on
            version_bins.feature = training_shares.feature
            and bin_numbers.bin_number = training_shares.bin_number
            and training_shares.period = 'training'
    group by version_bins.feature
    having count(training_shares.customer_share) > 0

),

largest_psi as (

    select
        feature,
        psi,
        row_number() over (order by psi desc, feature) as psi_rank
    from feature_psi

),

{%- endif %}
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
            {%- if has_history %}
                largest_psi.feature as largest_psi_feature,
                cast(largest_psi.psi as double) as largest_feature_psi,
                largest_share_change.segment_name as largest_share_change_segment,
                cast(largest_share_change.share_now_points as double) as share_now_points,
                cast(largest_share_change.share_at_training_points as double)
                    as share_at_training_points,
                cast(largest_share_change.change_points as double)
                    as largest_share_change_points
            {%- else %}
                cast(null as {{ dbt.type_string() }}) as largest_psi_feature,
                cast(null as double) as largest_feature_psi,
                cast(null as {{ dbt.type_string() }}) as largest_share_change_segment,
                cast(null as double) as share_now_points,
                cast(null as double) as share_at_training_points,
                cast(null as double) as largest_share_change_points
            {%- endif %}
        from chosen_version
        cross join feature_window
        {%- if has_history %}
            left join largest_psi
                on largest_psi.psi_rank = 1
            left join largest_share_change
                on largest_share_change.change_rank = 1
        {%- endif %}
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
