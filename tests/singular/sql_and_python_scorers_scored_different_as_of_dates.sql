{#-
    Warns when the SQL and the Python scorer hold different as-of dates (a selective build
    rebuilt only one of them): sql_scoring_matches_python_scoring then compares nothing. Build
    both (--select customer_segment_assignments customer_segment_assignments_sql) to check
    them again. Off when the model is imported (segmentation_model_path): no Python scorer.
-#}
{{ config(enabled=segmentation_model_path() == '', severity='warn') }}
with

python_dates as (

    select distinct as_of_date
    from {{ ref('customer_segment_assignments') }}

),

sql_dates as (

    select distinct as_of_date
    from {{ ref('customer_segment_assignments_sql') }}

),

compared as (

    select
        python_dates.as_of_date as python_as_of_date,
        sql_dates.as_of_date as sql_as_of_date
    from python_dates
    full outer join sql_dates
        on python_dates.as_of_date = sql_dates.as_of_date

)

select *
from compared
where python_as_of_date is null or sql_as_of_date is null
