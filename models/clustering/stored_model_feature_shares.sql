{#-
    This as-of date's customers in the drift bins of the stored model version that would
    score them (the latest trained on or before the date), before any fit: every feature the
    version clusters on. segmentation_decision weighs them against the version's training
    date; feature_bin_shares keeps them. The registry and the bins are read as earlier builds
    left them (previous_build_relation); empty before the first fit.
-#}
{%- set registry = previous_build_relation('segmentation_model') -%}
{%- set drift_bins = none -%}
{%- if registry is not none -%}
    {%- set drift_bins = previous_build_relation('segment_drift_bins') -%}
{%- endif -%}
{%- set features = [] -%}
{%- if drift_bins is not none -%}
    {%- set columns = numeric_columns(
        ref('int_customer_features'), exclude=['customer_id', 'as_of_date']
    ) -%}
    {%- set binned = run_query('select distinct feature from ' ~ drift_bins) -%}
    {%- set features = binned.columns[0].values() | map('lower')
        | select('in', columns) | list -%}
{%- endif -%}
-- the features are read only once a stored model has bins
-- depends_on: {{ ref('int_customer_features') }}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

{%- if features %}

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

version_bins as (

    select drift_bins.*
    from {{ drift_bins }} as drift_bins
    inner join chosen_version
        on drift_bins.model_version = chosen_version.model_version

),

{%- endif %}

shares as (

    {%- if features %}
        {{ binned_feature_shares('features', 'version_bins', features) }}
    {%- else %}
        select
            as_of_date,
            cast(null as {{ dbt.type_string() }}) as model_version,
            cast(null as {{ dbt.type_string() }}) as feature,
            0 as bin_number,
            cast(null as double) as customer_share
        from feature_window
        where 1 = 0
    {%- endif %}

)

select * from shares
