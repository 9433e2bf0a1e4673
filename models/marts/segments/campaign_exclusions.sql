{#-
    One row per as-of date per action per rule of seed campaign_eligibility_rules that applies
    to the action's offer kind: the customers the rule left out of the action's list (each
    excluded customer counted under the first rule that holds, so the rows of an action add
    up to its excluded customers), and whether the rule could be checked (no marketing
    consent is not, when the delivery has no marketing_consent column).
-#}
with

campaign_candidates as (

    select * from {{ ref('campaign_candidates') }}

),

eligibility_rules as (

    select * from {{ ref('campaign_eligibility_rules') }}

),

customers as (

    select is_marketing_consent_delivered from {{ ref('stg_core_banking__customers') }}

),

consent_delivered as (

    select
        coalesce(
            max(case when is_marketing_consent_delivered then 1 else 0 end), 0
        ) = 1 as is_marketing_consent_delivered
    from customers

),

actions as (

    select distinct
        as_of_date,
        action,
        offer_kind
    from campaign_candidates

),

rules_per_action as (

    select
        actions.as_of_date,
        actions.action,
        eligibility_rules.reason as exclusion_reason,
        eligibility_rules.exclusion_order
    from actions
    inner join eligibility_rules
        on eligibility_rules.applies_to in ('any', actions.offer_kind)

),

excluded as (

    select
        action,
        exclusion_reason,
        count(*) as customers_excluded
    from campaign_candidates
    where exclusion_reason is not null
    group by action, exclusion_reason

),

final as (

    select
        rules_per_action.action,
        rules_per_action.exclusion_reason,
        rules_per_action.as_of_date,
        cast(rules_per_action.exclusion_order as integer) as exclusion_order,
        cast(coalesce(excluded.customers_excluded, 0) as bigint) as customers_excluded,
        (
            rules_per_action.exclusion_reason != 'no_marketing_consent'
            or consent_delivered.is_marketing_consent_delivered
        ) as is_rule_checked
    from rules_per_action
    cross join consent_delivered
    left join excluded
        on
            rules_per_action.action = excluded.action
            and rules_per_action.exclusion_reason = excluded.exclusion_reason

)

select * from final
