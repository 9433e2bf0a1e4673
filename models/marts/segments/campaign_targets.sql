{#-
    One row per customer per recommended action (seed campaign_playbook) for the current
    as-of date, ranked within the action by expected value:
    expected_value = response_rate x value_rate x basis amount of the customer.
-#}
with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

campaign_playbook as (

    select * from {{ ref('campaign_playbook') }}

),

valued as (

    select
        customer_segments.customer_id,
        customer_segments.segment_name,
        campaign_playbook.action,
        campaign_playbook.channel,
        campaign_playbook.product,
        cast(customer_segments.segment_id as integer) as segment_id,
        cast(
            campaign_playbook.response_rate * campaign_playbook.value_rate
            * greatest(
                case campaign_playbook.value_basis
                    when
                        'annual_spend'
                        then customer_segments.spend_per_month_amount * 12
                    when 'deposit_balance'
                        then customer_segments.average_deposit_balance_amount
                    when 'annual_income'
                        then customer_segments.recurring_income_amount * 12
                    when 'outstanding_principal'
                        then customer_segments.outstanding_principal_amount
                end,
                0
            ) as double
        ) as expected_value_amount,
        customer_segments.as_of_date
    from customer_segments
    inner join campaign_playbook
        on customer_segments.segment_name = campaign_playbook.segment_name
    where campaign_playbook.action != {{ no_campaign_action() }}

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
    from valued

)

select * from ranked
