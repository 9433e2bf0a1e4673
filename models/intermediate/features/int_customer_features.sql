{#- One row per customer per as-of date: every feature the segmentation and BI use. -#}
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

loans as (

    select * from {{ ref('stg_core_banking__loans') }}

),

loan_applications as (

    select * from {{ ref('stg_core_banking__loan_applications') }}

),

stored_customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

account_window_months as (

    select * from {{ ref('int_account_window_months_filled') }}

),

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

balances_by_month as (

    select
        accounts.customer_id,
        account_window_months.month_start_date,
        sum(
            case
                when accounts.product_type in ('current', 'savings', 'term_deposit')
                    then account_window_months.month_end_balance_amount
                else 0
            end
        ) as deposit_balance_amount,
        sum(
            case
                when accounts.product_type = 'credit_card'
                    then greatest(-account_window_months.month_end_balance_amount, 0)
                else 0
            end
        ) as card_owed_amount,
        sum(
            case
                when accounts.product_type = 'credit_card' then accounts.credit_limit
                else 0
            end
        ) as card_limit_amount,
        -- a credit card with or without a limit on the file
        sum(case when accounts.product_type = 'credit_card' then 1 else 0 end)
            as credit_card_accounts
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where account_window_months.month_end_balance_amount is not null
    group by accounts.customer_id, account_window_months.month_start_date

),

-- One row per customer per window month, zeros without bookings or balances that month.
customer_months as (

    select
        customers_rfm.customer_id,
        window_months.month_start_date,
        {%- for measure in additive_month_measures() %}
            coalesce(booked.{{ measure }}, 0) as {{ measure }},
        {%- endfor %}
        coalesce(booked.current_account_credit_amount, 0)
            as current_account_credit_amount,
        booked.largest_income_like_credit_amount,
        coalesce(booked.savings_net_inflow_amount, 0) as savings_net_inflow_amount,
        coalesce(booked.paid_out_amount, 0) as paid_out_amount,
        coalesce(booked.card_debit_amount, 0) as card_debit_amount,
        coalesce(booked.card_repayment_amount, 0) as card_repayment_amount,
        coalesce(booked.cash_advance_count, 0) as cash_advance_count,
        coalesce(balances.deposit_balance_amount, 0) as deposit_balance_amount,
        coalesce(balances.card_owed_amount, 0) as card_owed_amount,
        coalesce(balances.card_limit_amount, 0) as card_limit_amount,
        coalesce(balances.credit_card_accounts, 0) as credit_card_accounts
    from customers_rfm
    cross join window_months
    left join stored_customer_months as booked
        on
            customers_rfm.customer_id = booked.customer_id
            and window_months.month_start_date = booked.booked_month_start_date
    left join balances_by_month as balances
        on
            customers_rfm.customer_id = balances.customer_id
            and window_months.month_start_date = balances.month_start_date

),

monthly_income_credits as (

    select
        customer_id,
        {{ median('largest_income_like_credit_amount') }} as median_income_credit_amount
    from customer_months
    group by customer_id

),

aggregated_months as (

    select
        customer_months.customer_id,
        count(*) as window_months,
        sum(case when customer_months.customer_initiated_count > 0 then 1 else 0 end)
            as active_months,
        {%- for measure in additive_month_measures() %}
            sum(customer_months.{{ measure }}) as {{ measure }},
        {%- endfor %}
        sum(customer_months.current_account_credit_amount)
            as current_account_credit_amount,
        sum(customer_months.savings_net_inflow_amount) as savings_net_inflow_amount,
        sum(customer_months.paid_out_amount) as paid_out_amount,
        sum(
            case
                when
                    customer_months.largest_income_like_credit_amount
                    between 0.75 * monthly_income_credits.median_income_credit_amount
                    and 1.25 * monthly_income_credits.median_income_credit_amount
                    then 1
                else 0
            end
        ) as regular_income_months,
        max(monthly_income_credits.median_income_credit_amount)
            as median_income_credit_amount,
        avg(cast(customer_months.deposit_balance_amount as double))
            as avg_deposit_balance_amount,
        sum(customer_months.card_debit_amount) as card_debit_amount,
        sum(customer_months.card_repayment_amount) as card_repayment_amount,
        sum(customer_months.cash_advance_count) as cash_advance_count,
        avg(
            case
                when customer_months.card_limit_amount > 0
                    then
                        {{ ratio(
                            'customer_months.card_owed_amount',
                            'customer_months.card_limit_amount'
                        ) }}
            end
        ) as credit_utilisation,
        avg(
            case
                when customer_months.card_limit_amount > 0
                    then
                        case
                            when
                                customer_months.card_owed_amount > 0
                                and customer_months.card_repayment_amount
                                < customer_months.card_debit_amount
                                then cast(1 as double)
                            else cast(0 as double)
                        end
            end
        ) as revolving_share,
        max(customer_months.credit_card_accounts) > 0 as has_credit_card,
        max(customer_months.card_limit_amount) > 0 as has_card_limit
    from customer_months
    inner join monthly_income_credits
        on customer_months.customer_id = monthly_income_credits.customer_id
    group by customer_months.customer_id

),

balance_trends as (

    select
        customer_months.customer_id,
        max(
            case
                when customer_months.month_start_date = feature_window.window_start_date
                    then customer_months.deposit_balance_amount
            end
        ) as first_deposit_balance_amount,
        max(
            case
                when
                    customer_months.month_start_date
                    = feature_window.as_of_month_start_date
                    then customer_months.deposit_balance_amount
            end
        ) as last_deposit_balance_amount,
        max(
            {{ calendar_months_between(
                'feature_window.window_start_date', 'feature_window.as_of_month_start_date'
            ) }}
        ) as months_between
    from customer_months
    cross join feature_window
    group by customer_months.customer_id

),

negative_balance_days as (

    select
        accounts.customer_id,
        sum(account_window_months.negative_balance_days) as negative_balance_days
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where accounts.product_type = 'current'
    group by accounts.customer_id

),

loans_held as (

    select
        loans.customer_id,
        count(*) as loans_held_count,
        sum(
            loans.principal * greatest(
                0,
                1
                - {{ ratio(
                    calendar_months_between(
                        'loans.originated_date', 'feature_window.as_of_date'
                    ),
                    'loans.term_months'
                ) }}
            )
        ) as outstanding_principal_amount,
        sum(case when loans.status in ('late', 'default') then 1 else 0 end)
            as loans_in_arrears_count
    from loans
    cross join feature_window
    where
        loans.originated_date <= feature_window.as_of_date
        and loans.status != 'closed'
    group by loans.customer_id

),

applications as (

    select
        loan_applications.customer_id,
        count(*) as loan_application_count,
        sum(case when loan_applications.decision = 'declined' then 1 else 0 end)
            as declined_application_count
    from loan_applications
    cross join feature_window
    where
        cast(loan_applications.applied_at as date)
        between feature_window.window_start_date and feature_window.as_of_date
    group by loan_applications.customer_id

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
        {%- set months = 'aggregated_months.window_months' %}
        {%- set initiated = 'aggregated_months.customer_initiated_count' %}
        {%- set spend = 'aggregated_months.spend_amount' %}
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
        cast(aggregated_months.active_months as integer) as active_months,
        {{ ratio('aggregated_months.transaction_count', months) }}
            as transactions_per_month,
        {{ ratio('aggregated_months.spend_amount', months) }}
            as spend_per_month_amount,
        coalesce(
            {{ ratio(
                'aggregated_months.spend_amount', 'aggregated_months.purchase_count'
            ) }},
            0
        ) as average_ticket_amount,
        {{ ratio('aggregated_months.paid_out_amount', months) }}
            as debit_per_month_amount,
        {%- for spending_group in spending_groups() %}
            coalesce(
                {{ ratio(
                    'aggregated_months.spend_' ~ spending_group ~ '_amount', spend
                ) }},
                0
            ) as spend_share_{{ spending_group }},
        {%- endfor %}
        coalesce(
            {{ ratio(
                'aggregated_months.card_online_count'
                ~ ' + aggregated_months.transfer_out_count',
                initiated
            ) }},
            0
        ) as online_share,
        coalesce(
            {{ ratio('aggregated_months.card_present_count', initiated) }}, 0
        ) as card_present_share,
        coalesce(
            {{ ratio(
                'aggregated_months.atm_count + aggregated_months.branch_count',
                initiated
            ) }},
            0
        ) as cash_share,
        coalesce(
            {{ ratio('aggregated_months.branch_count', initiated) }}, 0
        ) as branch_share,
        {{ ratio('aggregated_months.cash_withdrawal_amount', months) }}
            as cash_withdrawal_per_month_amount,
        cast(
            case
                when
                    aggregated_months.regular_income_months * 2
                    >= aggregated_months.window_months
                    then aggregated_months.median_income_credit_amount
                else 0
            end as double
        ) as recurring_income_amount,
        {{ ratio('aggregated_months.regular_income_months', months) }}
            as income_regularity,
        cast(
            greatest(
                -1,
                least(
                    1,
                    coalesce(
                        {{ ratio(
                            'aggregated_months.savings_net_inflow_amount',
                            'aggregated_months.current_account_credit_amount'
                        ) }},
                        0
                    )
                )
            ) as double
        ) as savings_rate,
        cast(aggregated_months.avg_deposit_balance_amount as double)
            as average_deposit_balance_amount,
        coalesce(
            {{ ratio(
                'balance_trends.last_deposit_balance_amount'
                ~ ' - balance_trends.first_deposit_balance_amount',
                'balance_trends.months_between'
            ) }},
            0
        ) as deposit_balance_trend_amount,
        cast(coalesce(negative_balance_days.negative_balance_days, 0) as integer)
            as negative_balance_days,
        -- 0 without a credit card; unknown (null) for cards without a limit on the file
        cast(
            case
                when
                    aggregated_months.has_card_limit
                    or not aggregated_months.has_credit_card
                    then coalesce(aggregated_months.credit_utilisation, 0)
            end as double
        ) as credit_utilisation,
        cast(coalesce(aggregated_months.revolving_share, 0) as double)
            as revolving_share,
        cast(aggregated_months.cash_advance_count as integer) as cash_advance_count,
        cast(
            least(
                1,
                {{ ratio(
                    'aggregated_months.card_repayment_amount',
                    'aggregated_months.card_debit_amount'
                ) }}
            ) as double
        ) as full_payment_ratio,
        cast(coalesce(loans_held.loans_held_count, 0) as integer) as loans_held_count,
        cast(coalesce(loans_held.outstanding_principal_amount, 0) as double)
            as outstanding_principal_amount,
        cast(coalesce(loans_held.loans_in_arrears_count, 0) as integer)
            as loans_in_arrears_count,
        cast(coalesce(applications.loan_application_count, 0) as integer)
            as loan_application_count,
        cast(coalesce(applications.declined_application_count, 0) as integer)
            as declined_application_count,
        cast(coalesce(products_held.product_breadth, 0) as integer) as product_breadth,
        aggregated_months.has_credit_card,
        customers_rfm.as_of_date,
        aggregated_months.regular_income_months * 2 >= aggregated_months.window_months
            as has_recurring_income
    from customers_rfm
    inner join customers
        on customers_rfm.customer_id = customers.customer_id
    inner join aggregated_months
        on customers_rfm.customer_id = aggregated_months.customer_id
    left join balance_trends
        on customers_rfm.customer_id = balance_trends.customer_id
    left join negative_balance_days
        on customers_rfm.customer_id = negative_balance_days.customer_id
    left join loans_held
        on customers_rfm.customer_id = loans_held.customer_id
    left join applications
        on customers_rfm.customer_id = applications.customer_id
    left join products_held
        on customers_rfm.customer_id = products_held.customer_id

)

select * from joined
