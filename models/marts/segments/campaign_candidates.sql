{#-
    One row per customer per action considered for the current as-of date: the actions of the
    customer's segment (seed campaign_playbook) and the action a rule of seed
    campaign_eligibility_rules offers instead (redirect_action, e.g. the financial health check
    for customers in arrears, whatever their segment). exclusion_reason is the first rule, in
    exclusion_order, that applies to the action's offer_kind and whose condition holds for the
    customer (int_customer_campaign_conditions); null: the customer is eligible and is in
    campaign_targets. The audit trail of every list.
-#}
with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

campaign_playbook as (

    select * from {{ ref('campaign_playbook') }}

),

eligibility_rules as (

    select * from {{ ref('campaign_eligibility_rules') }}

),

conditions as (

    select * from {{ ref('int_customer_campaign_conditions') }}

),

offered_by_segment as (

    select
        customer_segments.customer_id,
        campaign_playbook.action,
        'segment' as offer_reason
    from customer_segments
    inner join campaign_playbook
        on customer_segments.segment_name = campaign_playbook.segment_name
    where campaign_playbook.action != {{ no_campaign_action() }}

),

offered_by_rule as (

    select
        conditions.customer_id,
        eligibility_rules.redirect_action as action,  -- noqa: RF04
        eligibility_rules.reason as offer_reason
    from conditions
    inner join eligibility_rules
        on conditions.reason = eligibility_rules.reason
    where {{ seed_text('eligibility_rules.redirect_action') }} is not null

),

-- An action the segment offers anyway stays the segment's.
offers as (

    select * from offered_by_segment

    union all

    select offered_by_rule.*
    from offered_by_rule
    left join offered_by_segment
        on
            offered_by_rule.customer_id = offered_by_segment.customer_id
            and offered_by_rule.action = offered_by_segment.action
    where offered_by_segment.customer_id is null

),

-- A redirect action is the playbook's row of the action, whichever segment it is under.
actions as (

    select
        action,
        min(channel) as channel,
        min(product) as product,
        min(offer_kind) as offer_kind,
        min(response_rate) as response_rate,
        min(value_basis) as value_basis,
        min(value_rate) as value_rate
    from campaign_playbook
    where action != {{ no_campaign_action() }}
    group by action

),

offered_actions as (

    select
        offers.customer_id,
        offers.action,
        offers.offer_reason,
        actions.channel,
        actions.product,
        actions.offer_kind,
        actions.response_rate,
        actions.value_basis,
        actions.value_rate
    from offers
    inner join actions
        on offers.action = actions.action

),

exclusions_that_hold as (

    select
        offered_actions.customer_id,
        offered_actions.action,
        eligibility_rules.reason,
        row_number() over (
            partition by offered_actions.customer_id, offered_actions.action
            order by eligibility_rules.exclusion_order, eligibility_rules.reason
        ) as exclusion_rank
    from offered_actions
    inner join conditions
        on offered_actions.customer_id = conditions.customer_id
    inner join eligibility_rules
        on
            conditions.reason = eligibility_rules.reason
            and eligibility_rules.applies_to in ('any', offered_actions.offer_kind)

),

screened as (

    select
        offered_actions.customer_id,
        customer_segments.segment_name,
        offered_actions.action,
        offered_actions.channel,
        offered_actions.product,
        offered_actions.offer_kind,
        offered_actions.offer_reason,
        exclusions_that_hold.reason as exclusion_reason,
        cast(customer_segments.segment_id as integer) as segment_id,
        cast(
            offered_actions.response_rate * offered_actions.value_rate
            * greatest(
                case offered_actions.value_basis
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
    from offered_actions
    inner join customer_segments
        on offered_actions.customer_id = customer_segments.customer_id
    left join exclusions_that_hold
        on
            offered_actions.customer_id = exclusions_that_hold.customer_id
            and offered_actions.action = exclusions_that_hold.action
            and exclusions_that_hold.exclusion_rank = 1

)

select * from screened
