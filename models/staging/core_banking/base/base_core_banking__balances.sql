{%- set converted = foreign_currencies() | length > 0 %}
-- depends_on: {{ ref('fx_rates') }}
with

source as (

    select * from {{ raw_table('balances') }}

),

accounts as (

    select
        account_id,
        currency
    from {{ ref('stg_core_banking__accounts') }}

),

typed as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        {{ raw_typed('balance', 'decimal', 'balances') }} as balance,
        {{ raw_typed('balance_date', 'date', 'balances') }} as balance_date,
        {{ is_unreadable('balance', 'decimal', 'balances') }} as is_balance_invalid,
        {{ is_unreadable('balance_date', 'date', 'balances') }}
            as is_balance_date_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('balances') }} as delivered_file
    from source

),

ranked as (

    select
        *,
        {{ ranked_within_key('account_id, balance_date', ['balance']) }}
    from typed

),

checked as (

    select
        ranked.account_id,
        {{ dbt.concat([
            "ranked.account_id", "'@'", dbt.cast("ranked.balance_date", dbt.type_string())
        ]) }} as record_key,
        {{ in_reporting_currency(
            'ranked.balance', 'accounts.currency', 'rates', converted
        ) }},
        ranked.balance_date,
        ranked.raw_row,
        case
            when ranked.account_id is null then 'account_id is null'
            when accounts.account_id is null then 'account_id not found in accounts'
            when ranked.is_balance_date_invalid then 'balance_date is not a date'
            when ranked.balance_date is null then 'balance_date is null'
            {{ implausible_date_rules('ranked.balance_date') }}
            {{ duplicate_key_rules(
                'account_id and balance_date', verb='are', relation='ranked.'
            ) }}
            when ranked.is_balance_invalid then 'balance is not a number'
            when ranked.balance is null then 'balance is null'
            {{ missing_fx_rate_rule(
                'balance', 'accounts.currency', 'rates', converted
            ) }}
        end as rejection_reason
    from ranked
    left join accounts
        on ranked.account_id = accounts.account_id
    {{ fx_rate_join(
        'rates', 'accounts.currency',
        'cast(' ~ dbt.date_trunc('month', 'ranked.balance_date') ~ ' as date)', converted
    ) }}

),

recorded as (

    select
        account_id,
        balance,
        balance_date,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
