{#-
    One row per eligible customer per action for the current as-of date (campaign_candidates
    without an exclusion reason), ranked within the action by expected value:
    expected_value = response_rate x value_rate x basis amount of the customer.
-#}
with

campaign_candidates as (

    select * from {{ ref('campaign_candidates') }}

),

eligible as (

    select
        customer_id,
        segment_name,
        action,
        channel,
        product,
        offer_reason,
        segment_id,
        expected_value_amount,
        as_of_date
    from campaign_candidates
    where exclusion_reason is null

),

-- Ranked on the expected value to 1e-9 (engines summing in another order agree
-- to that, not to the last bit), so that two customers of the same value rank by
-- id on every engine. Not to the cent: half-cent values are common in bank data.
ranked as (

    select
        *,
        cast(
            row_number() over (
                partition by action
                order by round(expected_value_amount, 9) desc, customer_id asc
            ) as integer
        ) as rank_in_action
    from eligible

)

select * from ranked
