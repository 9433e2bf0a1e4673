{#-
    Recency, frequency and monetary value over the feature window, scored 1-5 by cumulative
    distribution among active customers (equal values get equal scores, so ties are
    deterministic); customers with no customer-initiated transaction score 1-1-1.
-#}
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

rfm_segment_rules as (

    select * from {{ ref('rfm_segment_rules') }}

),

feature_months as (

    select * from {{ ref('feature_window_months') }}

),

window_months as (

    select customer_months.*
    from customer_months
    inner join feature_months
        on customer_months.booked_month_start_date = feature_months.month_start_date

),

as_of as (

    select as_of_date from {{ ref('feature_window') }}

),

activity as (

    select
        customer_id,
        max(last_customer_initiated_date) as last_active_date,
        sum(customer_initiated_count) as frequency_count,
        sum(spend_amount) as monetary_amount
    from window_months
    group by customer_id

),

measured as (

    select
        customers.customer_id,
        as_of.as_of_date,
        {{ dbt.datediff('activity.last_active_date', 'as_of.as_of_date', 'day') }}
            as recency_days,
        coalesce(activity.frequency_count, 0) as frequency_count,
        coalesce(activity.monetary_amount, 0) as monetary_amount,
        coalesce(activity.frequency_count, 0) > 0 as is_active
    from customers
    cross join as_of
    left join activity
        on customers.customer_id = activity.customer_id
    where customers.onboarded_date <= as_of.as_of_date

),

scored as (

    select
        *,
        {{ score_among_active('recency_days desc') }} as r_score,
        {{ score_among_active('frequency_count') }} as f_score,
        {{ score_among_active('monetary_amount') }} as m_score
    from measured

),

combined as (

    select
        *,
        cast(floor((f_score + m_score + 1) / 2.0) as integer) as fm_score
    from scored

),

matched_to_rules as (

    select
        combined.*,
        rfm_segment_rules.rfm_label,
        row_number() over (
            partition by combined.customer_id
            order by rfm_segment_rules.priority
        ) as rule_rank
    from combined
    left join rfm_segment_rules
        on
            combined.r_score between rfm_segment_rules.r_score_min
            and rfm_segment_rules.r_score_max
            and combined.fm_score between rfm_segment_rules.fm_score_min
            and rfm_segment_rules.fm_score_max

),

labelled as (

    select
        customer_id,
        as_of_date,
        recency_days,
        frequency_count,
        monetary_amount,
        r_score,
        f_score,
        m_score,
        fm_score,
        rfm_label
    from matched_to_rules
    where rule_rank = 1

)

select * from labelled
