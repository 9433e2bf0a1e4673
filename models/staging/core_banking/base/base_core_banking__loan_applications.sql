with

source as (

    select * from {{ raw_table('loan_applications') }}

),

customers as (

    select customer_id from {{ ref('stg_core_banking__customers') }}

),

typed as (

    select
        cast(application_id as {{ dbt.type_string() }}) as application_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        {{ normalised_code('product', 'loan_applications') }} as product,
        {{ normalised_code('decision', 'loan_applications') }} as decision,
        {{ raw_typed('requested_amount', 'decimal', 'loan_applications') }}
            as requested_amount,
        {{ raw_typed('applied_at', 'timestamp', 'loan_applications') }} as applied_at,
        {{ is_unreadable('requested_amount', 'decimal', 'loan_applications') }}
            as is_requested_amount_invalid,
        {{ is_unreadable('applied_at', 'timestamp', 'loan_applications') }}
            as is_applied_at_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('loan_applications') }} as delivered_file
    from source

),

ranked as (

    select
        *,
        {{ ranked_within_key('application_id', [
            'applied_at', 'customer_id', 'requested_amount', 'product', 'decision'
        ]) }}
    from typed

),

checked as (

    select
        ranked.application_id,
        ranked.application_id as record_key,
        ranked.customer_id,
        ranked.product,
        ranked.decision,
        ranked.requested_amount,
        ranked.applied_at,
        ranked.raw_row,
        case
            when ranked.application_id is null then 'application_id is null'
            {{ duplicate_key_rules('application_id', relation='ranked.') }}
            when customers.customer_id is null then 'customer_id not found in customers'
            when
                coalesce(
                    ranked.product, ''
                ) not in {{ core_banking_codes('loan_product') }}
                then {{ not_a_contract_code('product', 'loan_product') }}
            when
                coalesce(
                    ranked.decision, ''
                ) not in {{ core_banking_codes('application_decision') }}
                then {{ not_a_contract_code('decision', 'application_decision') }}
            when ranked.is_requested_amount_invalid
                then 'requested_amount is not a number'
            when ranked.requested_amount is null or ranked.requested_amount <= 0
                then 'requested_amount is not positive'
            when ranked.is_applied_at_invalid then 'applied_at is not a timestamp'
            when ranked.applied_at is null then 'applied_at is null'
            {{ implausible_date_rules('ranked.applied_at') }}
        end as rejection_reason
    from ranked
    left join customers
        on ranked.customer_id = customers.customer_id

),

recorded as (

    select
        application_id,
        customer_id,
        product,
        decision,
        requested_amount,
        applied_at,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
