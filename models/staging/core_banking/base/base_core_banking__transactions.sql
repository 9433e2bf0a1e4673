with

source as (

    select * from {{ raw_table('transactions') }}

),

accounts as (

    select
        account_id,
        opened_date
    from {{ ref('stg_core_banking__accounts') }}

),

typed as (

    select
        cast(transaction_id as {{ dbt.type_string() }}) as transaction_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        {{ normalised_code('direction') }} as direction,
        {{ normalised_code('channel') }} as channel,
        nullif(trim(cast(merchant_category_code as {{ dbt.type_string() }})), '')
            as merchant_category_code,
        nullif(trim(cast(description as {{ dbt.type_string() }})), '')
            as description,
        {{ dbt.safe_cast('amount', 'decimal(18, 2)') }} as amount,
        {{ dbt.safe_cast('booked_at', 'timestamp') }} as booked_at,
        {{ is_invalid_cast('amount', 'decimal(18, 2)') }} as is_amount_invalid,
        {{ is_invalid_cast('booked_at', 'timestamp') }} as is_booked_at_invalid,
        {{ row_as_struct('source') }} as raw_row
    from source

),

ranked as (

    select
        *,
        row_number() over (
            partition by transaction_id
            order by
                booked_at, account_id, amount, direction, channel,
                merchant_category_code, description
        ) as key_occurrence
    from typed

),

checked as (

    select
        ranked.transaction_id,
        ranked.transaction_id as record_key,
        ranked.account_id,
        ranked.direction,
        ranked.channel,
        ranked.merchant_category_code,
        ranked.description,
        ranked.amount,
        ranked.booked_at,
        ranked.raw_row,
        case
            when ranked.transaction_id is null then 'transaction_id is null'
            when ranked.key_occurrence > 1 then 'transaction_id is duplicated'
            when accounts.account_id is null then 'account_id not found in accounts'
            when ranked.is_booked_at_invalid then 'booked_at is not a timestamp'
            when ranked.booked_at is null then 'booked_at is null'
            when ranked.is_amount_invalid then 'amount is not a number'
            when ranked.amount is null then 'amount is null'
            when ranked.amount <= 0 then 'amount is not positive'
            when ranked.amount > {{ var('max_plausible_amount') }}
                then 'amount exceeds max_plausible_amount'
            when
                coalesce(
                    ranked.direction, ''
                ) not in {{ core_banking_codes('direction') }}
                then 'direction is not debit or credit'
            when coalesce(ranked.channel, '') not in {{ core_banking_codes('channel') }}
                then 'channel is not a known channel'
            when cast(ranked.booked_at as date) < accounts.opened_date
                then 'booked_at is before the account was opened'
        end as rejection_reason
    from ranked
    left join accounts
        on ranked.account_id = accounts.account_id

),

recorded as (

    select
        transaction_id,
        account_id,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        booked_at,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
