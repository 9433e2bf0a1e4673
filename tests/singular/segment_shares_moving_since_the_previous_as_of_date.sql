{#-
    Warns when a segment's share of customers on the latest as-of date moved more than var
    share_change_warn_points percentage points from the previous as-of date.
-#}
{{ config(severity='warn') }}
with

shares as (

    select * from {{ ref('segment_share_drift') }}

)

select
    segment_name,
    previous_share_pct,
    customer_share_pct,
    change_vs_previous_points,
    as_of_date
from shares
where
    as_of_date = (select max(latest.as_of_date) from shares as latest)
    and abs(change_vs_previous_points) > {{ var('share_change_warn_points') }}
