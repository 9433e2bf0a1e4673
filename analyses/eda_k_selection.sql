{#-
    EDA: the candidate ks of the model that scored the current segments, with every metric the
    choice used (k_candidates_json holds one object per candidate), and the features it used.
-#}
with

current_model as (

    select max(model_version) as model_version
    from {{ ref('customer_segments') }}

),

model_rows as (

    select registry.*
    from {{ segmentation_model_registry() }} as registry
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
        {{ dbt.listagg('feature', "','", 'order by feature_position') }} as features
    from features

)

select distinct
    model_rows.model_version,
    model_rows.k,
    model_rows.k_candidates_json,
    feature_list.features
from model_rows
cross join feature_list
