{#-
    One row per customer per campaign condition that holds on the as-of date: the conditions
    the rules of seed campaign_eligibility_rules name (reason). Which offers a condition rules
    out, in which order, and which action it offers instead is the seed's; what each condition
    means is here, once.
-#}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

customer_features as (

    select * from {{ ref('int_customer_features') }}

),

-- the customers of the as-of date with what the conditions read of them
profiled_customers as (

    select
        customer_features.customer_id,
        customer_features.loans_in_arrears_count,
        customers.birth_date,
        customers.marketing_consent,
        customers.is_marketing_consent_delivered
    from customer_features
    inner join customers
        on customer_features.customer_id = customers.customer_id

),

open_accounts as (

    select distinct accounts.customer_id
    from accounts
    cross join feature_window
    where {{ is_account_open_on('accounts', 'feature_window.as_of_date') }}

),

-- Without a marketing_consent column in the delivery, consent is not checked.
conditions as (

    select
        profiled_customers.customer_id,
        'no_open_account' as reason
    from profiled_customers
    left join open_accounts
        on profiled_customers.customer_id = open_accounts.customer_id
    where open_accounts.customer_id is null

    union all

    select
        customer_id,
        'no_marketing_consent' as reason
    from profiled_customers
    where
        is_marketing_consent_delivered
        and not coalesce(marketing_consent, false)

    union all

    select
        customer_id,
        'loan_in_arrears' as reason
    from profiled_customers
    where loans_in_arrears_count > 0

    union all

    select
        profiled_customers.customer_id,
        'under_credit_age' as reason
    from profiled_customers
    cross join feature_window
    where
        profiled_customers.birth_date
        > {{ dbt.dateadd(
            'year', -(var('campaign_credit_minimum_age') | int), 'feature_window.as_of_date'
        ) }}

)

select * from conditions
