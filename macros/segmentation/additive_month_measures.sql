{% macro additive_month_measures() %}
    {#- The customer-month counts and amounts that add up, over a customer's accounts
        (int_customer_months_aggregated) and over the feature window's months
        (int_customer_features), in the order the models carry them. -#}
    {%- set spend_by_group = [] -%}
    {%- for spending_group in spending_groups() -%}
        {%- do spend_by_group.append('spend_' ~ spending_group ~ '_amount') -%}
    {%- endfor -%}
    {{ return(
        ['transaction_count', 'customer_initiated_count', 'purchase_count', 'spend_amount']
        + spend_by_group
        + ['card_present_count', 'card_online_count', 'transfer_out_count', 'atm_count',
           'branch_count', 'cash_withdrawal_amount']
    ) }}
{% endmacro %}
