{#-
    Staged balance snapshots keep the contract: one per account and date, every column
    present, on a staged account. One pass; returns the account-dates that break a rule.
    Like staged_transactions_keep_the_contract it also depends on data_quality_row_counts, so
    that the month models (which read the snapshots) do not wait for it.
-#}
-- depends_on: {{ ref('data_quality_row_counts') }}
with

balances as (

    select * from {{ ref('stg_core_banking__balances') }}

),

accounts as (

    select account_id from {{ ref('stg_core_banking__accounts') }}

),

checked as (

    select
        balances.account_id,
        balances.balance_date,
        count(*) as snapshots,
        sum(case when balances.balance is null then 1 else 0 end)
            as snapshots_without_balance,
        max(case when accounts.account_id is null then 1 else 0 end)
            as is_account_unknown
    from balances
    left join accounts
        on balances.account_id = accounts.account_id
    group by balances.account_id, balances.balance_date

)

select * from checked
where
    account_id is null
    or balance_date is null
    or snapshots > 1
    or snapshots_without_balance > 0
    or is_account_unknown = 1
