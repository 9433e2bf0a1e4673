{#-
    One row per model version per feature it clusters on: the upper edges
    of the feature's deciles among the customers scored on the version's training as-of date,
    learned when the version is trained and kept with it (the drift marts bin every later
    date with them). Built for the versions trained on this build's as-of date.
-#}
{{ config(
    materialized='incremental',
    unique_key='model_version',
    incremental_strategy=(
        'insert_overwrite' if target.type == 'spark' else 'delete+insert'
    ),
    partition_by=(['model_version'] if target.type == 'spark' else none),
    on_schema_change='fail',
    full_refresh=false
) }}
{%- set features = scoring_features() %}
with

customer_features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

scored as (

    select as_of_date from {{ ref('feature_window') }}

),

trained_now as (

    select distinct
        stored_models.model_version,
        stored_models.feature,
        scored.as_of_date as training_as_of_date
    from stored_models
    inner join scored
        on cast(stored_models.as_of_date as date) = scored.as_of_date

),

feature_values as (

    {%- for feature in features %}
        select
            '{{ feature }}' as feature,
            cast({{ feature }} as double) as feature_value
        from customer_features
        where {{ feature }} is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

deciles as (

    select
        trained_now.model_version,
        trained_now.training_as_of_date,
        feature_values.feature,
        feature_values.feature_value,
        ntile(10) over (
            partition by trained_now.model_version, feature_values.feature
            order by feature_values.feature_value
        ) as decile
    from feature_values
    inner join trained_now
        on feature_values.feature = trained_now.feature

),

edges as (

    select
        model_version,
        feature,
        training_as_of_date,
        {%- for bin_number in range(1, 10) %}
            max(case when decile = {{ bin_number }} then feature_value end)
                as upper_edge_{{ bin_number }},
        {%- endfor %}
        count(*) as training_customers_with_value
    from deciles
    group by model_version, feature, training_as_of_date

)

select * from edges
