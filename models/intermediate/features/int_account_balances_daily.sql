{#-
    End-of-day balance of every account on each day that has a booking, a balance snapshot or a
    month end, up to the as-of date. A snapshot gives the balance on its day; after it the
    balance moves with the booked flows. Before an account's first snapshot (or when `balances`
    is empty) the balance is reconstructed from the flows, starting at 0 when the account opened.
-#}
with

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

balances as (

    select * from {{ ref('stg_core_banking__balances') }}

),

transactions as (

    select * from {{ ref('int_transactions_enriched') }}

),

feature_window as (

    select * from {{ ref('int_feature_window') }}

),

as_of as (

    select distinct as_of_date from feature_window

),

daily_flows as (

    select
        account_id,
        booked_date as event_date,
        sum(signed_amount) as net_flow_amount,
        cast(null as decimal(18, 2)) as snapshot_balance,
        false as is_month_end
    from transactions
    group by account_id, booked_date

),

snapshots as (

    select
        balances.account_id,
        balances.balance_date as event_date,
        cast(0 as decimal(18, 2)) as net_flow_amount,
        balances.balance as snapshot_balance,
        false as is_month_end
    from balances
    cross join as_of
    where balances.balance_date <= as_of.as_of_date

),

month_ends as (

    select
        accounts.account_id,
        feature_window.month_end_date as event_date,
        cast(0 as decimal(18, 2)) as net_flow_amount,
        cast(null as decimal(18, 2)) as snapshot_balance,
        true as is_month_end
    from accounts
    cross join feature_window
    where
        accounts.opened_date <= feature_window.month_end_date
        and (
            accounts.closed_date is null
            or accounts.closed_date > feature_window.month_end_date
        )

),

events as (

    select * from daily_flows
    union all
    select * from snapshots
    union all
    select * from month_ends

),

collapsed_to_days as (

    select
        account_id,
        event_date,
        sum(net_flow_amount) as net_flow_amount,
        max(snapshot_balance) as snapshot_balance,
        {{ dbt.bool_or('is_month_end') }} as is_month_end
    from events
    group by account_id, event_date

),

with_cumulative_flow as (

    select
        *,
        sum(net_flow_amount) over (
            partition by account_id
            order by event_date
            rows between unbounded preceding and current row
        ) as cumulative_flow_amount
    from collapsed_to_days

),

-- On a snapshot day, snapshot - cumulative flow is the offset that turns the
-- cumulative flow into the balance; it holds until the next snapshot.
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
        {{ last_value_ignoring_nulls('snapshot_offset_amount') }} over (
            partition by account_id
            order by event_date
            rows between unbounded preceding and current row
        ) as latest_snapshot_offset_amount,
        {{ first_value_ignoring_nulls('snapshot_offset_amount') }} over (
            partition by account_id
            order by event_date
            rows between unbounded preceding and unbounded following
        ) as first_snapshot_offset_amount
    from with_snapshot_offset

),

balanced as (

    select
        account_id,
        event_date,
        net_flow_amount,
        is_month_end,
        first_snapshot_offset_amount is null as is_reconstructed,
        cumulative_flow_amount + coalesce(
            -- on or after a snapshot: that snapshot plus the flows booked since
            latest_snapshot_offset_amount,
            -- before the first snapshot: counted back from it
            first_snapshot_offset_amount,
            -- no snapshot at all: rebuilt from the flows, 0 when the account opened
            0
        ) as balance
    from anchored

)

select * from balanced
