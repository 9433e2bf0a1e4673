{#-
    One row per customer per as-of date: the credit features (credit card use and repayment,
    loans held and applied for) over the feature window. 0 without a card or a loan; a card's
    utilisation is unknown (null) when the file gives it no limit.
-#}
with

customers_rfm as (

    select * from {{ ref('int_customers_rfm_scored') }}

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

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

account_window_months as (

    select * from {{ ref('int_account_window_months_filled') }}

),

feature_window as (

    select * from {{ ref('feature_window') }}

),

window_months as (

    select * from {{ ref('feature_window_months') }}

),

-- Per customer per window month with a credit card balance: owed and limit, summed over
-- the customer's cards (a card with or without a limit on the file).
card_months as (

    select
        accounts.customer_id,
        account_window_months.month_start_date,
        sum(greatest(-account_window_months.month_end_balance_amount, 0))
            as card_owed_amount,
        sum(coalesce(accounts.credit_limit, 0)) as card_limit_amount,
        count(*) as credit_card_accounts
    from account_window_months
    inner join accounts
        on account_window_months.account_id = accounts.account_id
    where
        account_window_months.month_end_balance_amount is not null
        and accounts.product_type = 'credit_card'
    group by accounts.customer_id, account_window_months.month_start_date

),

card_use_months as (

    select
        customer_months.customer_id,
        customer_months.booked_month_start_date as month_start_date,
        customer_months.card_debit_amount,
        customer_months.card_repayment_amount,
        customer_months.cash_advance_count
    from customer_months
    inner join window_months
        on customer_months.booked_month_start_date = window_months.month_start_date

),

card_balances as (

    select
        card_months.customer_id,
        avg(
            case
                when card_months.card_limit_amount > 0
                    then
                        {{ ratio(
                            'card_months.card_owed_amount', 'card_months.card_limit_amount'
                        ) }}
            end
        ) as credit_utilisation,
        avg(
            case
                when card_months.card_limit_amount > 0
                    then
                        case
                            when
                                card_months.card_owed_amount > 0
                                and coalesce(card_use_months.card_repayment_amount, 0)
                                < coalesce(card_use_months.card_debit_amount, 0)
                                then cast(1 as double)
                            else cast(0 as double)
                        end
            end
        ) as revolving_share,
        max(card_months.card_limit_amount) > 0 as has_card_limit
    from card_months
    left join card_use_months
        on
            card_months.customer_id = card_use_months.customer_id
            and card_months.month_start_date = card_use_months.month_start_date
    group by card_months.customer_id

),

card_use as (

    select
        customer_id,
        sum(card_debit_amount) as card_debit_amount,
        sum(card_repayment_amount) as card_repayment_amount,
        sum(cash_advance_count) as cash_advance_count
    from card_use_months
    group by customer_id

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

features as (

    select
        customers_rfm.customer_id,
        -- 0 without a credit card; unknown (null) for cards without a limit on the file
        cast(
            case
                when card_balances.has_card_limit or card_balances.customer_id is null
                    then coalesce(card_balances.credit_utilisation, 0)
            end as double
        ) as credit_utilisation,
        cast(coalesce(card_balances.revolving_share, 0) as double) as revolving_share,
        cast(coalesce(card_use.cash_advance_count, 0) as integer) as cash_advance_count,
        -- per window month: comparable between windows of different lengths
        {{ ratio(
            'coalesce(card_use.cash_advance_count, 0)', 'feature_window.window_months'
        ) }} as cash_advances_per_month,
        -- null without card debits (least() would skip the null ratio and say 1)
        cast(
            case
                when card_use.card_debit_amount > 0
                    then
                        least(
                            1,
                            {{ ratio(
                                'card_use.card_repayment_amount', 'card_use.card_debit_amount'
                            ) }}
                        )
            end as double
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
        {{ ratio(
            'coalesce(applications.loan_application_count, 0)', 'feature_window.window_months'
        ) }} as loan_applications_per_month,
        card_balances.customer_id is not null as has_credit_card,
        customers_rfm.as_of_date
    from customers_rfm
    cross join feature_window
    left join card_balances
        on customers_rfm.customer_id = card_balances.customer_id
    left join card_use
        on customers_rfm.customer_id = card_use.customer_id
    left join loans_held
        on customers_rfm.customer_id = loans_held.customer_id
    left join applications
        on customers_rfm.customer_id = applications.customer_id

)

select * from features
