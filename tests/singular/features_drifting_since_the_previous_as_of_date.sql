{#-
    Warns when a clustering feature's distribution on the latest as-of date moved from the
    previous one: PSI above var psi_watch_threshold. Returns the features, worst first.
-#}
{{ config(severity='warn') }}
with

drift as (

    select * from {{ ref('segment_feature_drift') }}

)

select
    feature,
    psi_vs_previous,
    previous_as_of_date,
    as_of_date
from drift
where
    as_of_date = (select max(latest.as_of_date) from drift as latest)
    and psi_vs_previous > {{ var('psi_watch_threshold') }}
order by psi_vs_previous desc
