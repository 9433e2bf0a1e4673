{{ config(materialized='view') }}
{%- set converted = foreign_currencies() | length > 0 %}

{#-
    One row per raw transaction row with the first row-level rule it breaks (null when kept).
    A view over the raw file (see base_core_banking__transactions_typed): rows of a duplicated
    key come ranked from base_core_banking__transactions_duplicated, every other row is the
    only one with its key.
-#}
-- depends_on: {{ ref('fx_rates') }}
with

transactions as (

    select * from {{ ref('base_core_banking__transactions_typed') }}

),

duplicated as (

    select * from {{ ref('base_core_banking__transactions_duplicated') }}

),

accounts as (

    select
        account_id,
        account_key,
        opened_date,
        currency
    from {{ ref('stg_core_banking__accounts') }}

),

unique_key_rows as (

    select
        *,
        1 as key_occurrence,
        false as is_copy_of_kept_row,
        false as is_superseded_by_a_later_file
    from transactions
    where not exists (
        select 1 from duplicated
        where duplicated.transaction_id = transactions.transaction_id
    )

),

ranked as (

    select * from unique_key_rows
    union all
    select * from duplicated

),

checked as (

    select
        ranked.transaction_id,
        ranked.transaction_id as record_key,
        ranked.account_id,
        accounts.account_key,
        ranked.direction,
        ranked.channel,
        ranked.merchant_category_code,
        ranked.description,
        {{ in_reporting_currency(
            'ranked.amount', 'accounts.currency', 'rates', converted
        ) }},
        ranked.booked_at,
        ranked.booked_month_start_date,
        ranked.raw_row,
        case
            when ranked.transaction_id is null then 'transaction_id is null'
            {{ duplicate_key_rules('transaction_id', relation='ranked.') }}
            when accounts.account_id is null then 'account_id not found in accounts'
            when ranked.is_booked_at_invalid then 'booked_at is not a timestamp'
            when ranked.booked_at is null then 'booked_at is null'
            {{ implausible_date_rules('ranked.booked_at', in_the_future_too=false) }}
            when ranked.is_amount_invalid then 'amount is not a number'
            when ranked.amount is null then 'amount is null'
            when ranked.amount <= 0 then 'amount is not positive'
            when ranked.amount > {{ var('max_plausible_amount') }}
                then 'amount exceeds max_plausible_amount'
            {{ missing_fx_rate_rule(
                'amount', 'accounts.currency', 'rates', converted
            ) }}
            when
                coalesce(
                    ranked.direction, ''
                ) not in {{ core_banking_codes('direction') }}
                then {{ not_a_contract_code('direction', 'direction') }}
            -- a null channel is allowed (extracts that do not say):
            -- no channel feature counts it
            when ranked.channel not in {{ core_banking_codes('channel') }}
                then {{ not_a_contract_code('channel', 'channel') }}
            when cast(ranked.booked_at as date) < accounts.opened_date
                then 'booked_at is before the account was opened'
        end as rejection_reason
    from ranked
    left join accounts
        on ranked.account_id = accounts.account_id
    {{ fx_rate_join(
        'rates', 'accounts.currency', 'ranked.booked_month_start_date', converted
    ) }}

),

recorded as (

    select
        transaction_id,
        account_id,
        account_key,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        booked_at,
        booked_month_start_date,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
