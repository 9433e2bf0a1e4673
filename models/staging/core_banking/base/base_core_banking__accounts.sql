{%- set converted = foreign_currencies() | length > 0 %}
-- depends_on: {{ ref('fx_rates') }}
with

source as (

    select * from {{ raw_table('accounts') }}

),

customers as (

    select customer_id from {{ ref('stg_core_banking__customers') }}

),
{% if converted %}
    -- a credit limit is a level: converted at its currency's latest rate
    latest_rates as (

        select
            currency,
            max(month_start_date) as month_start_date
        from {{ fx_rates_relation() }}
        group by currency

    ),
{% endif %}

typed as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        {{ normalised_code('product_type', 'accounts') }} as product_type,
        upper(trim(cast(currency as {{ dbt.type_string() }}))) as currency,
        {{ raw_typed('credit_limit', 'decimal', 'accounts') }} as credit_limit,
        {{ raw_typed('opened_date', 'date', 'accounts') }} as opened_date,
        {{ raw_typed('closed_date', 'date', 'accounts') }} as closed_date,
        {{ is_unreadable('credit_limit', 'decimal', 'accounts') }} as is_limit_invalid,
        {{ is_unreadable('opened_date', 'date', 'accounts') }}
            as is_opened_date_invalid,
        {{ is_unreadable('closed_date', 'date', 'accounts') }}
            as is_closed_date_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('accounts') }} as delivered_file
    from source

),

ranked as (

    select
        *,
        {{ ranked_within_key('account_id', [
            'opened_date', 'customer_id', 'product_type', 'currency', 'credit_limit',
            'closed_date'
        ]) }},
        -- a compact key for the joins and sorts over transactions within one build (it
        -- changes when accounts are added: never store it)
        row_number() over (
            order by
                account_id, opened_date, customer_id, product_type, currency,
                credit_limit, closed_date
        ) as account_key
    from typed

),

checked as (

    select
        ranked.account_id,
        ranked.account_id as record_key,
        ranked.account_key,
        ranked.customer_id,
        ranked.product_type,
        ranked.currency,
        {{ in_reporting_currency(
            'ranked.credit_limit', 'ranked.currency', 'rates', converted
        ) }},
        ranked.opened_date,
        ranked.closed_date,
        ranked.raw_row,
        case
            when ranked.account_id is null then 'account_id is null'
            {{ duplicate_key_rules('account_id', relation='ranked.') }}
            when customers.customer_id is null then 'customer_id not found in customers'
            when
                coalesce(
                    ranked.product_type, ''
                ) not in {{ core_banking_codes('product_type') }}
                then {{ not_a_contract_code('product_type', 'product_type') }}
            when ranked.is_opened_date_invalid then 'opened_date is not a date'
            when ranked.opened_date is null then 'opened_date is null'
            {{ implausible_date_rules('ranked.opened_date') }}
            when ranked.is_closed_date_invalid then 'closed_date is not a date'
            {{ implausible_date_rules('ranked.closed_date', in_the_future_too=false) }}
            when ranked.closed_date < ranked.opened_date
                then 'closed_date is before opened_date'
            when ranked.is_limit_invalid then 'credit_limit is not a number'
            when ranked.credit_limit < 0 then 'credit_limit is negative'
            when ranked.currency is null or length(ranked.currency) != 3
                then 'currency is not an ISO 4217 code'
        end as rejection_reason
    from ranked
    left join customers
        on ranked.customer_id = customers.customer_id
    {% if converted -%}
        left join latest_rates
            on ranked.currency = latest_rates.currency
    {%- endif %}
    {{ fx_rate_join(
        'rates', 'latest_rates.currency', 'latest_rates.month_start_date', converted
    ) }}

),

recorded as (

    select
        account_id,
        account_key,
        customer_id,
        product_type,
        currency,
        credit_limit,
        opened_date,
        closed_date,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
