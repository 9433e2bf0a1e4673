{#-
    One row per customer per as-of date: every feature the segmentation and BI use, each
    declared once in seed feature_catalogue. The customer's profile, RFM and products held are
    computed here; the behavioural features come from one model per family (activity and
    channels, income saving and balances, credit): a family feature the catalogue declares is
    taken from its family's model with the catalogue's type.
-#}
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

),

activity as (

    select * from {{ ref('int_customer_activity_features') }}

),

balances as (

    select * from {{ ref('int_customer_balance_features') }}

),

credit as (

    select * from {{ ref('int_customer_credit_features') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

products_held as (

    select
        accounts.customer_id,
        count(distinct accounts.product_type) as product_breadth
    from accounts
    cross join feature_window
    where {{ is_account_open_on('accounts', 'feature_window.as_of_date') }}
    group by accounts.customer_id

),

joined as (

    select
        customers_rfm.customer_id,
        customers.gender,
        customers.region,
        customers_rfm.rfm_label,
        -- no age from a birth date after the as-of date
        case
            when customers.birth_date <= customers_rfm.as_of_date
                then cast(
                    floor(
                        {{ dbt.datediff(
                            'customers.birth_date', 'customers_rfm.as_of_date', 'day'
                        ) }} / 365.25
                    ) as integer
                )
        end as age_years,
        cast(
            {{ calendar_months_between(
                'customers.onboarded_date', 'customers_rfm.as_of_date'
            ) }} as integer
        ) as tenure_months,
        cast(customers_rfm.recency_days as integer) as recency_days,
        cast(customers_rfm.frequency_count as integer) as frequency_count,
        cast(customers_rfm.monetary_amount as double) as monetary_amount,
        customers_rfm.r_score,
        customers_rfm.f_score,
        customers_rfm.m_score,
        {#- the family features, as seed feature_catalogue declares them -#}
        {%- for feature in feature_catalogue()
            if feature.family in ['activity', 'balances', 'credit'] %}
            cast({{ feature.family }}.{{ feature.feature }} as {{ feature.data_type }})
                as {{ feature.feature }},
        {%- endfor %}
        cast(coalesce(products_held.product_breadth, 0) as integer) as product_breadth,
        credit.has_credit_card,
        customers_rfm.as_of_date,
        balances.has_recurring_income
    from customers_rfm
    inner join customers
        on customers_rfm.customer_id = customers.customer_id
    inner join activity
        on customers_rfm.customer_id = activity.customer_id
    inner join balances
        on customers_rfm.customer_id = balances.customer_id
    inner join credit
        on customers_rfm.customer_id = credit.customer_id
    left join products_held
        on customers_rfm.customer_id = products_held.customer_id

)

select * from joined
