{%- set consent_delivered = raw_column_delivered('customers', 'marketing_consent') %}
with

source as (

    select * from {{ raw_table('customers') }}

),

booking_period as (

    select * from {{ ref('base_core_banking__booking_period') }}

),

typed as (

    select
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        upper(trim(cast(gender as {{ dbt.type_string() }}))) as gender_code,
        nullif(trim(cast(region as {{ dbt.type_string() }})), '') as region,
        {{ raw_typed('birth_date', 'date', 'customers') }} as birth_date,
        {{ raw_typed('onboarded_date', 'date', 'customers') }} as onboarded_date,
        {% if consent_delivered -%}
            lower(trim(cast(marketing_consent as {{ dbt.type_string() }})))
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as marketing_consent_text,
        {{ is_unreadable('birth_date', 'date', 'customers') }} as is_birth_date_invalid,
        {{ is_unreadable('onboarded_date', 'date', 'customers') }}
            as is_onboarded_date_invalid,
        {{ row_as_struct('source') }} as raw_row,
        {{ delivered_file('customers') }} as delivered_file
    from source

),

normalised as (

    select
        *,
        case
            when gender_code in ('F', 'FEMALE', 'W') then 'F'
            when gender_code in ('M', 'MALE') then 'M'
        end as gender,
        {{ ranked_within_key('customer_id', [
            'onboarded_date', 'birth_date', 'gender_code', 'region'
        ]) }}
    from typed

),

-- Customers are counted once each: the row kept of a key, not its copies or duplicates.
counted as (

    select
        *,
        case
            when birth_date is not null
                then
                    sum(case when key_occurrence = 1 then 1 else 0 end)
                        over (partition by birth_date)
        end as customers_sharing_birth_date,
        sum(case when key_occurrence = 1 then 1 else 0 end) over () as customers
    from normalised

),

-- A birth date that cannot be true is no reason to drop the customer: it is not used
-- (null for profiling) and the reason is kept (data_quality_nulled_values counts them).
birth_dates_judged as (

    select
        *,
        case
            when birth_date < cast('{{ var("min_plausible_birth_date") }}' as date)
                then 'before min_plausible_birth_date'
            when
                birth_date
                > (select booking_period.last_booking_date from booking_period)
                then 'after the last booking'
            when
                customers_sharing_birth_date
                >= {{ var('birth_date_placeholder_min_customers') }}
                and customers_sharing_birth_date
                >= customers * {{ var('birth_date_placeholder_min_share') }}
                then 'a placeholder shared by too many customers'
        end as birth_date_issue,
        case
            when marketing_consent_text in ('true', 't', 'yes', 'y', '1') then true
            when marketing_consent_text in ('false', 'f', 'no', 'n', '0') then false
        end as marketing_consent,
        case
            when
                marketing_consent_text != ''
                and marketing_consent_text not in (
                    'true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0'
                )
                then 'not a yes or no value'
        end as marketing_consent_issue
    from counted

),

checked as (

    select
        customer_id,
        customer_id as record_key,
        gender,
        region,
        case when birth_date_issue is null then birth_date end as birth_date,
        birth_date_issue,
        marketing_consent,
        marketing_consent_issue,
        {{ consent_delivered | lower }} as is_marketing_consent_delivered,
        onboarded_date,
        raw_row,
        case
            when customer_id is null then 'customer_id is null'
            {{ duplicate_key_rules('customer_id') }}
            when is_onboarded_date_invalid then 'onboarded_date is not a date'
            when onboarded_date is null then 'onboarded_date is null'
            {{ implausible_date_rules('onboarded_date') }}
            when is_birth_date_invalid then 'birth_date is not a date'
            when gender_code != '' and gender is null then 'gender is not F or M'
        end as rejection_reason
    from birth_dates_judged

),

recorded as (

    select
        customer_id,
        gender,
        region,
        birth_date,
        birth_date_issue,
        marketing_consent,
        marketing_consent_issue,
        is_marketing_consent_delivered,
        onboarded_date,
        {{ quarantine_columns('raw_row') }}
    from checked

)

select * from recorded
