{#- One row per customer per month of the feature window (zeros when inactive). -#}
with

customers as (

    select * from {{ ref('stg_core_banking__customers') }}

),

accounts as (

    select * from {{ ref('stg_core_banking__accounts') }}

),

transactions as (

    select * from {{ ref('int_transactions_enriched') }}

),

account_balances as (

    select * from {{ ref('int_account_balances_daily') }}

),

feature_window as (

    select * from {{ ref('int_feature_window') }}

),

customer_months as (

    select
        customers.customer_id,
        feature_window.as_of_date,
        feature_window.month_start_date,
        feature_window.month_end_date
    from customers
    cross join feature_window
    where customers.onboarded_date <= feature_window.as_of_date

),

transactions_by_month as (

    select
        customer_id,
        booked_month_start_date as month_start_date,
        count(*) as transaction_count,
        sum(case when is_customer_initiated then 1 else 0 end)
            as customer_initiated_count,
        sum(case when is_purchase then 1 else 0 end) as purchase_count,
        sum(case when is_purchase then amount else 0 end) as spend_amount,
        {%- for spending_group in spending_groups() %}
            sum(
                case
                    when
                        is_purchase and spending_group = '{{ spending_group }}'
                        then amount
                    else
                        0
                end
            ) as spend_{{ spending_group }}_amount,
        {%- endfor %}
        sum(case when channel = 'card_pos' then 1 else 0 end) as card_present_count,
        sum(case when channel = 'card_online' then 1 else 0 end) as card_online_count,
        sum(
            case when channel = 'transfer' and direction = 'debit' then 1 else 0 end
        ) as transfer_out_count,
        sum(case when channel = 'atm' then 1 else 0 end) as atm_count,
        sum(case when channel = 'branch' then 1 else 0 end) as branch_count,
        sum(
            case
                when
                    channel in ('atm', 'branch') and direction = 'debit'
                    then amount
                else 0
            end
        ) as cash_withdrawal_amount,
        sum(
            case
                when
                    product_type = 'current' and direction = 'credit'
                    then amount
                else 0
            end
        ) as current_account_credit_amount,
        max(
            case
                when
                    product_type = 'current'
                    and direction = 'credit'
                    and channel in ('transfer', 'standing_order')
                    then amount
            end
        ) as largest_income_like_credit_amount,
        sum(
            case
                when
                    product_type in ('savings', 'term_deposit')
                    and channel != 'interest'
                    then signed_amount
                else 0
            end
        ) as savings_net_inflow_amount,
        sum(
            case
                when
                    product_type = 'credit_card' and direction = 'debit'
                    then amount
                else 0
            end
        ) as card_debit_amount,
        sum(
            case
                when
                    product_type = 'credit_card' and direction = 'credit'
                    then amount
                else 0
            end
        ) as card_repayment_amount,
        sum(
            case when product_type = 'credit_card' and channel = 'atm' then 1 else 0 end
        ) as cash_advance_count
    from transactions
    where is_in_window
    group by customer_id, booked_month_start_date

),

balances_by_month as (

    select
        accounts.customer_id,
        cast({{ dbt.date_trunc('month', 'account_balances.event_date') }} as date)
            as month_start_date,
        sum(
            case
                when accounts.product_type in ('current', 'savings', 'term_deposit')
                    then account_balances.balance
                else 0
            end
        ) as deposit_balance_amount,
        sum(
            case
                when
                    accounts.product_type = 'current'
                    then account_balances.balance
                else 0
            end
        ) as current_balance_amount,
        sum(
            case
                when accounts.product_type = 'credit_card'
                    then greatest(-account_balances.balance, 0)
                else 0
            end
        ) as card_owed_amount,
        sum(
            case
                when
                    accounts.product_type = 'credit_card'
                    then accounts.credit_limit
                else 0
            end
        ) as card_limit_amount
    from account_balances
    inner join accounts
        on account_balances.account_id = accounts.account_id
    where account_balances.is_month_end
    group by
        accounts.customer_id,
        cast({{ dbt.date_trunc('month', 'account_balances.event_date') }} as date)

),

joined as (

    select
        customer_months.customer_id,
        customer_months.as_of_date,
        customer_months.month_start_date,
        customer_months.month_end_date,
        coalesce(transactions_by_month.transaction_count, 0) as transaction_count,
        coalesce(transactions_by_month.customer_initiated_count, 0)
            as customer_initiated_count,
        coalesce(transactions_by_month.purchase_count, 0) as purchase_count,
        coalesce(transactions_by_month.spend_amount, 0) as spend_amount,
        {%- for spending_group in spending_groups() %}
            coalesce(transactions_by_month.spend_{{ spending_group }}_amount, 0)
                as spend_{{ spending_group }}_amount,
        {%- endfor %}
        coalesce(transactions_by_month.card_present_count, 0) as card_present_count,
        coalesce(transactions_by_month.card_online_count, 0) as card_online_count,
        coalesce(transactions_by_month.transfer_out_count, 0) as transfer_out_count,
        coalesce(transactions_by_month.atm_count, 0) as atm_count,
        coalesce(transactions_by_month.branch_count, 0) as branch_count,
        coalesce(transactions_by_month.cash_withdrawal_amount, 0)
            as cash_withdrawal_amount,
        coalesce(transactions_by_month.current_account_credit_amount, 0)
            as current_account_credit_amount,
        transactions_by_month.largest_income_like_credit_amount,
        coalesce(transactions_by_month.savings_net_inflow_amount, 0)
            as savings_net_inflow_amount,
        coalesce(transactions_by_month.card_debit_amount, 0) as card_debit_amount,
        coalesce(transactions_by_month.card_repayment_amount, 0)
            as card_repayment_amount,
        coalesce(transactions_by_month.cash_advance_count, 0) as cash_advance_count,
        coalesce(balances_by_month.deposit_balance_amount, 0) as deposit_balance_amount,
        coalesce(balances_by_month.current_balance_amount, 0) as current_balance_amount,
        coalesce(balances_by_month.card_owed_amount, 0) as card_owed_amount,
        coalesce(balances_by_month.card_limit_amount, 0) as card_limit_amount
    from customer_months
    left join transactions_by_month
        on
            customer_months.customer_id = transactions_by_month.customer_id
            and customer_months.month_start_date
            = transactions_by_month.month_start_date
    left join balances_by_month
        on
            customer_months.customer_id = balances_by_month.customer_id
            and customer_months.month_start_date = balances_by_month.month_start_date

)

select * from joined
