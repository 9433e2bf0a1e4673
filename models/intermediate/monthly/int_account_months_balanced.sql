{{ config(**incremental_by_booking_month()) }}

{#-
    Over 300 lines on purpose: one balance rule from snapshots and flows, each step a CTE.

    One row per account per booking month (up to the as-of month) with a booking or a balance
    snapshot: the balance before the month's first such day (opening), after its last
    (closing), and the days of the month the account ended below 0. From end-of-day balances
    on those days:
    - a snapshot gives the balance on its day; after it the balance moves with the flows;
    - before an account's first snapshot the balance is counted back from it; an account
      without any snapshot is rebuilt from its flows, from 0;
    - between two such days the balance holds, and a month's days before its first such day
      hold the balance carried in from the last one before (counted from the account's first
      booking or snapshot on).
    Nothing at the day grain is stored. On an incremental build the stored closing balance of
    the last month before the first rebuilt month is carried in.
-#}
{%- set first_month = first_month_to_process() %}
with

accounts as (

    select
        account_id,
        account_key
    from {{ ref('stg_core_banking__accounts') }}

),

balances as (

    select * from {{ ref('stg_core_banking__balances') }}

),

transactions as (

    select
        account_key,
        booked_date,
        booked_month_start_date,
        signed_amount
    from {{ ref('int_transactions_enriched') }}
    where {{ month_at_or_after('booked_at', first_month) }}

),

batches as (

    {{ month_batches_to_build(first_month) }}

),

{% if first_month -%}
    stored_months as (

        select * from {{ this }}
        where booked_month_start_date < {{ first_month }}

    ),

    last_stored_months as (

        select
            account_id,
            max(booked_month_start_date) as booked_month_start_date
        from stored_months
        group by account_id

    ),

    -- Each account's balance at the end of its last stored month, as a snapshot when a
    -- real snapshot anchored it, else as the flows rebuilt so far.
    carried_in as (

        select
            accounts.account_key,
            stored_months.closing_balance_amount,
            stored_months.is_reconstructed,
            stored_months.last_event_date
        from stored_months
        inner join last_stored_months
            on
                stored_months.account_id = last_stored_months.account_id
                and stored_months.booked_month_start_date
                = last_stored_months.booked_month_start_date
        inner join accounts
            on stored_months.account_id = accounts.account_id

    ),

{% endif -%}
flows as (

    select
        transactions.account_key,
        transactions.booked_date as event_date,
        transactions.signed_amount as net_flow_amount
    from transactions
    inner join batches
        on transactions.booked_month_start_date = batches.booked_month_start_date
    where transactions.booked_date <= batches.processed_through_date

),

snapshots as (

    select
        accounts.account_key,
        balances.balance_date as event_date,
        balances.balance as snapshot_balance
    from balances
    inner join accounts
        on balances.account_id = accounts.account_id
    inner join batches
        on
            cast({{ dbt.date_trunc('month', 'balances.balance_date') }} as date)
            = batches.booked_month_start_date
    where balances.balance_date <= batches.processed_through_date

),

events as (

    select
        account_key,
        event_date,
        net_flow_amount,
        cast(null as decimal(18, 2)) as snapshot_balance
    from flows
    union all
    select
        account_key,
        event_date,
        cast(0 as decimal(18, 2)) as net_flow_amount,
        snapshot_balance
    from snapshots
    {%- if first_month %}
        union all
        select
            account_key,
            last_event_date as event_date,
            case
                when is_reconstructed then closing_balance_amount
                else cast(0 as decimal(18, 2))
            end as net_flow_amount,
            case
                when not is_reconstructed then closing_balance_amount
            end as snapshot_balance
        from carried_in
    {%- endif %}

),

collapsed_to_days as (

    select
        account_key,
        event_date,
        cast(
            {{ dbt.date_trunc('month', 'event_date') }} as date
        ) as booked_month_start_date,
        sum(net_flow_amount) as net_flow_amount,
        max(snapshot_balance) as snapshot_balance
    from events
    group by account_key, event_date

),

with_cumulative_flow as (

    select
        *,
        sum(net_flow_amount) over (
            partition by account_key
            order by event_date
            rows between unbounded preceding and current row
        ) as cumulative_flow_amount
    from collapsed_to_days

),

-- On a snapshot day, snapshot - cumulative flow is the offset that turns the cumulative
-- flow into the balance; it holds until the next snapshot.
with_snapshot_offset as (

    select
        *,
        case
            when snapshot_balance is not null
                then snapshot_balance - cumulative_flow_amount
        end as snapshot_offset_amount
    from with_cumulative_flow

),

anchored as (

    select
        *,
        -- the offset in force on this day and on the day before it
        {{ last_value_ignoring_nulls('snapshot_offset_amount') }} over (
            partition by account_key
            order by event_date
            rows between unbounded preceding and current row
        ) as latest_snapshot_offset_amount,
        {{ last_value_ignoring_nulls('snapshot_offset_amount') }} over (
            partition by account_key
            order by event_date
            rows between unbounded preceding and 1 preceding
        ) as previous_snapshot_offset_amount,
        -- before the first snapshot: the first snapshot's offset (counted back)
        {{ first_value_ignoring_nulls('snapshot_offset_amount') }} over (
            partition by account_key
            order by event_date
            rows between unbounded preceding and unbounded following
        ) as first_snapshot_offset_amount,
        lag(event_date) over (
            partition by account_key
            order by event_date
        ) as previous_event_date,
        lead(event_date) over (
            partition by account_key
            order by event_date
        ) as next_event_date
    from with_snapshot_offset

),

balanced as (

    select
        anchored.account_key,
        anchored.booked_month_start_date,
        anchored.event_date,
        anchored.previous_event_date,
        anchored.next_event_date,
        anchored.first_snapshot_offset_amount is null as is_reconstructed,
        anchored.cumulative_flow_amount + coalesce(
            anchored.latest_snapshot_offset_amount,
            anchored.first_snapshot_offset_amount,
            0
        ) as balance,
        -- the end-of-day balance the day before: same offsets, without this day's flows
        anchored.cumulative_flow_amount - anchored.net_flow_amount + coalesce(
            anchored.previous_snapshot_offset_amount,
            anchored.first_snapshot_offset_amount,
            0
        ) as balance_before,
        -- days this day's balance holds within its month
        {%- set day_after_month = 'cast(' ~ dbt.dateadd(
            'day', 1, 'batches.processed_through_date'
        ) ~ ' as date)' %}
        {{ dbt.datediff(
            'anchored.event_date',
            'least(coalesce(anchored.next_event_date, ' ~ day_after_month ~ '), '
            ~ day_after_month ~ ')',
            'day'
        ) }} as days_held,
        -- on a month's first such day: the days since the month began (balance_before)
        case
            when anchored.previous_event_date < anchored.booked_month_start_date
                then {{ dbt.datediff(
                    'anchored.booked_month_start_date', 'anchored.event_date', 'day'
                ) }}
            else 0
        end as days_carried_in,
        batches.processed_through_date,
        batches.batch_fingerprint
    from anchored
    inner join batches
        on anchored.booked_month_start_date = batches.booked_month_start_date

),

aggregated_to_months as (

    select
        account_key,
        booked_month_start_date,
        max(processed_through_date) as processed_through_date,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date,
        max(
            case
                when
                    previous_event_date is null
                    or previous_event_date < booked_month_start_date
                    then balance_before
            end
        ) as opening_balance_amount,
        max(
            case
                when
                    next_event_date is null
                    or next_event_date > processed_through_date
                    then balance
            end
        ) as closing_balance_amount,
        sum(
            case when balance < 0 then days_held else 0 end
            + case when balance_before < 0 then days_carried_in else 0 end
        ) as negative_balance_days,
        {{ dbt.bool_or('is_reconstructed') }} as is_reconstructed,
        max(batch_fingerprint) as batch_fingerprint
    from balanced
    group by account_key, booked_month_start_date

),

final as (

    select
        accounts.account_id,
        aggregated_to_months.booked_month_start_date,
        aggregated_to_months.processed_through_date,
        aggregated_to_months.first_event_date,
        aggregated_to_months.last_event_date,
        cast(aggregated_to_months.opening_balance_amount as decimal(18, 2))
            as opening_balance_amount,
        cast(aggregated_to_months.closing_balance_amount as decimal(18, 2))
            as closing_balance_amount,
        cast(aggregated_to_months.negative_balance_days as integer)
            as negative_balance_days,
        aggregated_to_months.is_reconstructed,
        aggregated_to_months.batch_fingerprint
    from aggregated_to_months
    inner join accounts
        on aggregated_to_months.account_key = accounts.account_key

)

select * from final
