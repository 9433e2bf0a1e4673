{#-
    EDA: the profiled features of every customer of the current as-of date with the segment,
    without the customer id (distributions, correlations and the 2-D projection need no
    identity).
-#}
select
    segment_id,
    segment_name,
    {% for feature in profile_features() %}
        {{ feature }}{% if not loop.last %},{% endif %}
    {% endfor %}
from {{ ref('customer_segments') }}
