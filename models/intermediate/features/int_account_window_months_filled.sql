{#-
    One row per account per feature-window month in which it was open at the month's end or
    had a booking or balance snapshot: its balance at the month's end (null when it closed
    during the month) and the days it ended below 0. A month without a booking or snapshot
    holds the closing balance of the account's last month before it; before the account's
    first such month, the balance counted back to it (int_account_months_balanced).
-#}
with

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

account_months as (

    select * from {{ ref('int_account_months_balanced') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

as_of_month as (

    select as_of_month_start_date as month_start_date
    from {{ ref('feature_window') }}

),

history as (

    select account_months.*
    from account_months
    inner join as_of_month
        on account_months.booked_month_start_date <= as_of_month.month_start_date

),

open_at_month_end as (

    select
        accounts.account_id,
        window_months.month_start_date
    from accounts
    cross join window_months
    where {{ is_account_open_on('accounts', 'window_months.month_end_date') }}

),

months_in_sequence as (

    select
        history.opening_balance_amount,
        history.closing_balance_amount,
        history.negative_balance_days,
        coalesce(history.account_id, open_at_month_end.account_id) as account_id,
        coalesce(history.booked_month_start_date, open_at_month_end.month_start_date)
            as month_start_date,
        open_at_month_end.account_id is not null as is_open_at_month_end,
        history.account_id is not null as has_events
    from history
    full outer join open_at_month_end
        on
            history.account_id = open_at_month_end.account_id
            and history.booked_month_start_date = open_at_month_end.month_start_date

),

carried as (

    select
        account_id,
        month_start_date,
        is_open_at_month_end,
        has_events,
        closing_balance_amount,
        negative_balance_days,
        {{ last_value_ignoring_nulls('closing_balance_amount') }} over (
            partition by account_id
            order by month_start_date
            rows between unbounded preceding and current row
        ) as carried_balance_amount,
        {{ first_value_ignoring_nulls('opening_balance_amount') }} over (
            partition by account_id
            order by month_start_date
            rows between current row and unbounded following
        ) as next_opening_balance_amount
    from months_in_sequence

),

filled as (

    select
        carried.account_id,
        carried.month_start_date,
        window_months.month_end_date,
        case
            when carried.is_open_at_month_end
                then coalesce(
                    carried.carried_balance_amount,
                    carried.next_opening_balance_amount,
                    0
                )
        end as month_end_balance_amount,
        case
            when carried.has_events then carried.negative_balance_days
            when carried.carried_balance_amount < 0
                then {{ dbt.datediff(
                    'carried.month_start_date', 'window_months.month_end_date', 'day'
                ) }} + 1
            else 0
        end as negative_balance_days
    from carried
    inner join window_months
        on carried.month_start_date = window_months.month_start_date

),

final as (

    select
        account_id,
        month_start_date,
        month_end_date,
        cast(month_end_balance_amount as decimal(18, 2)) as month_end_balance_amount,
        cast(negative_balance_days as integer) as negative_balance_days
    from filled

)

select * from final
