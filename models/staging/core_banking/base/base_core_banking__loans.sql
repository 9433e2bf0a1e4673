with

source as (

    select * from {{ raw_table('loans') }}

),

customers as (

    select customer_id from {{ ref('stg_core_banking__customers') }}

),

typed as (

    select
        cast(loan_id as {{ dbt.type_string() }}) as loan_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        {{ normalised_code('product', 'loans') }} as product,
        {{ normalised_code('status', 'loans') }} as status,
        {{ raw_typed('principal', 'decimal', 'loans') }} as principal,
        {{ raw_typed('term_months', 'integer', 'loans') }} as term_months,
        {{ raw_typed('originated_date', 'date', 'loans') }} as originated_date,
        {{ is_unreadable('principal', 'decimal', 'loans') }} as is_principal_invalid,
        {{ is_unreadable('term_months', 'integer', 'loans') }}
            as is_term_months_invalid,
        {{ is_unreadable('originated_date', 'date', 'loans') }}
            as is_originated_date_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('loans') }} as delivered_file
    from source

),

ranked as (

    select
        *,
        {{ ranked_within_key('loan_id', [
            'originated_date', 'customer_id', 'principal', 'product', 'status',
            'term_months'
        ]) }}
    from typed

),

checked as (

    select
        ranked.loan_id,
        ranked.loan_id as record_key,
        ranked.customer_id,
        ranked.product,
        ranked.status,
        ranked.principal,
        ranked.term_months,
        ranked.originated_date,
        ranked.raw_row,
        case
            when ranked.loan_id is null then 'loan_id is null'
            {{ duplicate_key_rules('loan_id', relation='ranked.') }}
            when customers.customer_id is null then 'customer_id not found in customers'
            when
                coalesce(
                    ranked.product, ''
                ) not in {{ core_banking_codes('loan_product') }}
                then {{ not_a_contract_code('product', 'loan_product') }}
            when
                coalesce(
                    ranked.status, ''
                ) not in {{ core_banking_codes('loan_status') }}
                then {{ not_a_contract_code('status', 'loan_status') }}
            when ranked.is_principal_invalid then 'principal is not a number'
            when ranked.principal is null or ranked.principal <= 0
                then 'principal is not positive'
            when ranked.is_originated_date_invalid then 'originated_date is not a date'
            when ranked.originated_date is null then 'originated_date is null'
            {{ implausible_date_rules('ranked.originated_date') }}
            when ranked.is_term_months_invalid then 'term_months is not an integer'
            when ranked.term_months is null or ranked.term_months <= 0
                then 'term_months is not positive'
        end as rejection_reason
    from ranked
    left join customers
        on ranked.customer_id = customers.customer_id

),

recorded as (

    select
        loan_id,
        customer_id,
        product,
        status,
        principal,
        term_months,
        originated_date,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
