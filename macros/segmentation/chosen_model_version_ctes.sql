{% macro chosen_model_version_ctes() %}
    {#-
        The model version an as-of date is scored with, as CTEs to follow the caller's
        stored_models (registry rows) and scored_as_of (as_of_date): var
        segmentation_model_version, else the latest version trained on or before the as-of
        date; in chosen_version (model_version, as_of_date), empty when there is none, and its
        registry rows in model_rows. The one place this rule is written.
    -#}
usable_versions as (

    select distinct
        stored_models.as_of_date,
        stored_models.model_version
    from stored_models
    cross join scored_as_of
    {% if var('segmentation_model_version') %}
        where stored_models.model_version = '{{ var("segmentation_model_version") }}'
    {% else %}
        where
            cast(stored_models.as_of_date as date)
            <= cast(scored_as_of.as_of_date as date)
    {% endif %}

),

ranked_versions as (

    select
        model_version,
        as_of_date,
        row_number() over (order by as_of_date desc, model_version desc) as version_rank
    from usable_versions

),

chosen_version as (

    select
        model_version,
        as_of_date
    from ranked_versions
    where version_rank = 1

),

model_rows as (

    select stored_models.*
    from stored_models
    inner join chosen_version
        on stored_models.model_version = chosen_version.model_version

)
{%- endmacro %}
