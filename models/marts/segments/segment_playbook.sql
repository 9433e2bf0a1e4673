{#-
    One row per segment per recommended action per as-of date: the plain-language description
    of the segment from its naming rule, the action from the campaign playbook with the figures
    of its expected value, and for the current as-of date the customers targeted and their
    summed expected value. A segment the playbook gives no campaign keeps one row with action
    no_campaign and the reason: the playbook's, or that the playbook has no row for its name.
-#}
with

summary as (

    select
        as_of_date,
        segment_id,
        segment_name,
        customers
    from {{ ref('segment_summary') }}

),

naming_rules as (

    select * from {{ ref('segment_naming_rules') }}

),

campaign_playbook as (

    select * from {{ ref('campaign_playbook') }}

),

campaign_targets as (

    select * from {{ ref('campaign_targets') }}

),

-- A rule's lines form one sentence: the capitalised line first, continuations after.
descriptions as (

    select
        segment_name,
        {{ ordered_listagg(
            'description', "' '",
            ['lower(substr(description, 1, 1)) = substr(description, 1, 1)', 'description']
        ) }} as segment_description
    from naming_rules
    group by segment_name

),

targeted as (

    select
        as_of_date,
        segment_id,
        action,
        count(*) as targeted_customers,
        sum(expected_value_amount) as expected_value_amount
    from campaign_targets
    group by as_of_date, segment_id, action

),

joined as (

    select
        summary.as_of_date,
        summary.segment_name,
        coalesce(
            campaign_playbook.action, {{ no_campaign_action() }}
        ) as action,  -- noqa: RF04
        -- blank seed cells (a no_campaign row) are null on every engine
        {{ seed_text('campaign_playbook.channel') }} as channel,
        {{ seed_text('campaign_playbook.product') }} as product,
        {{ seed_text('campaign_playbook.value_basis') }} as value_basis,
        coalesce(
            campaign_playbook.description,
            'No campaign: the campaign playbook (seeds/campaign_playbook.csv) has '
            || 'no row for this segment yet.'
        ) as action_description,
        cast(summary.segment_id as integer) as segment_id,
        cast(summary.customers as integer) as customers,
        coalesce(
            campaign_playbook.action != {{ no_campaign_action() }}, false
        ) as has_campaign,
        cast(campaign_playbook.response_rate as double) as response_rate,
        cast(campaign_playbook.value_rate as double) as value_rate,
        cast(targeted.targeted_customers as integer) as targeted_customers,
        cast(targeted.expected_value_amount as double) as expected_value_amount,
        coalesce(
            descriptions.segment_description,
            'No naming rule matched this segment; read its profile.'
        ) as segment_description
    from summary
    left join descriptions
        on summary.segment_name = descriptions.segment_name
    left join campaign_playbook
        on summary.segment_name = campaign_playbook.segment_name
    left join targeted
        on
            summary.as_of_date = targeted.as_of_date
            and summary.segment_id = targeted.segment_id
            and campaign_playbook.action = targeted.action

),

-- The expected values as shown: the action's, its segment's campaigns' and all
-- campaigns' of the as-of date.
final as (

    select
        *,
        {{ money_text('expected_value_amount') }} as expected_value_text,
        {{ money_text(
            'sum(coalesce(expected_value_amount, 0)) over (partition by as_of_date, segment_id)'
        ) }} as segment_expected_value_text,
        {{ money_text(
            'sum(coalesce(expected_value_amount, 0)) over (partition by as_of_date)'
        ) }} as total_expected_value_text
    from joined

)

select * from final
