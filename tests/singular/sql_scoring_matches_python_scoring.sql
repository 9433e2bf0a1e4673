{#-
    The SQL scorer (customer_segment_assignments_sql) and the Python scorer
    (customer_segment_assignments) agree for every customer of the as-of date both scored:
    same model version, segment and runner-up, distances equal to 1e-9 (relative). A different
    segment is allowed only where the Python margin is below 1e-9, a float tie. When a
    selective build rebuilt only one of them (e.g. --select +segment_history for a past month),
    their as-of dates differ and there is nothing to compare: the warning
    sql_and_python_scorers_scored_different_as_of_dates says so. Returns the customers where
    they disagree. Off when the model is imported (segmentation_model_path): no Python scorer then.
-#}
{{ config(enabled=segmentation_model_path() == '') }}
with

python_all as (

    select * from {{ ref('customer_segment_assignments') }}

),

sql_all as (

    select * from {{ ref('customer_segment_assignments_sql') }}

),

python_scored as (

    select * from python_all
    where as_of_date in (select sql_all.as_of_date from sql_all)

),

sql_scored as (

    select * from sql_all
    where as_of_date in (select python_all.as_of_date from python_all)

),

compared as (

    select
        python_scored.segment_id as python_segment_id,
        sql_scored.segment_id as sql_segment_id,
        python_scored.margin as python_margin,
        python_scored.distance_to_centroid as python_distance,
        sql_scored.distance_to_centroid as sql_distance,
        python_scored.runner_up_segment_id as python_runner_up_segment_id,
        sql_scored.runner_up_segment_id as sql_runner_up_segment_id,
        python_scored.model_version as python_model_version,
        sql_scored.model_version as sql_model_version,
        coalesce(python_scored.customer_id, sql_scored.customer_id) as customer_id
    from python_scored
    full outer join sql_scored
        on python_scored.customer_id = sql_scored.customer_id

)

select *
from compared
where
    python_segment_id is null
    or sql_segment_id is null
    or python_model_version != sql_model_version
    or (
        python_margin >= 1e-9
        and (
            python_segment_id != sql_segment_id
            or python_runner_up_segment_id != sql_runner_up_segment_id
        )
    )
    or abs(python_distance - sql_distance) > 1e-9 * (1 + abs(python_distance))
