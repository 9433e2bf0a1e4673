{#-
    One row: the model that scored the current segments, the number of segments it chose, every
    candidate it weighed with the metrics of the choice (k_candidates_json, one object per
    candidate) and its features in order: the report's choice of k, published with the other
    BI marts.
-#}
with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

registry as (

    select * from {{ segmentation_model_registry() }}

),

current_model as (

    select
        max(model_version) as model_version,
        max(as_of_date) as as_of_date
    from customer_segments

),

model_rows as (

    select
        registry.model_version,
        registry.k,
        registry.k_candidates_json,
        registry.feature,
        registry.feature_position,
        current_model.as_of_date
    from registry
    inner join current_model
        on registry.model_version = current_model.model_version

),

features as (

    select distinct
        feature,
        feature_position
    from model_rows

),

feature_list as (

    select
        {{ ordered_listagg('feature', "','", ['feature_position']) }} as features
    from features

),

final as (

    select distinct
        model_rows.model_version,
        feature_list.features,
        model_rows.k_candidates_json,
        cast(model_rows.k as integer) as k,
        model_rows.as_of_date
    from model_rows
    cross join feature_list

)

select * from final
