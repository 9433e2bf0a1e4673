{% macro raw_input_contract() %}
    {#- table -> column -> type families the raw file may use (text is cast per row). -#}
    {%- set key = ['text', 'integer'] -%}
    {%- set code = ['text'] -%}
    {%- set day = ['date', 'timestamp', 'text'] -%}
    {%- set moment = ['timestamp', 'date', 'text'] -%}
    {%- set amount = ['number', 'text'] -%}
    {%- set yes_no = ['boolean', 'integer', 'text'] -%}
    {{ return({
        'customers': {'customer_id': key, 'birth_date': day, 'gender': code, 'region': code,
                      'onboarded_date': day, 'marketing_consent': yes_no},
        'accounts': {'account_id': key, 'customer_id': key, 'product_type': code,
                     'opened_date': day, 'closed_date': day, 'credit_limit': amount,
                     'currency': code},
        'transactions': {'transaction_id': key, 'account_id': key, 'booked_at': moment,
                         'amount': amount, 'direction': code, 'channel': code,
                         'merchant_category_code': key, 'description': code},
        'balances': {'account_id': key, 'balance_date': day, 'balance': amount},
        'loans': {'loan_id': key, 'customer_id': key, 'product': code, 'principal': amount,
                  'originated_date': day, 'term_months': amount, 'status': code},
        'loan_applications': {'application_id': key, 'customer_id': key, 'applied_at': moment,
                              'product': code, 'requested_amount': amount,
                              'decision': code},
    }) }}
{% endmacro %}

{% macro optional_raw_columns() %}
    {#- The contract columns a row may leave empty (staging keeps a row without them); every
        other column is required: a row without it is rejected. -#}
    {{ return({
        'customers': ['birth_date', 'gender', 'region', 'marketing_consent'],
        'accounts': ['closed_date', 'credit_limit'],
        'transactions': ['channel', 'merchant_category_code', 'description'],
    }) }}
{% endmacro %}

{% macro raw_columns_a_delivery_may_lack() %}
    {#- Optional columns a delivery may not have at all: a bank that records no marketing
        consent delivers no such column, and its customers count as consented, which the
        report and the export say (campaign_exclusions.is_rule_checked). -#}
    {{ return({'customers': ['marketing_consent']}) }}
{% endmacro %}

{% macro raw_column_delivered(table_name, column_name) %}
    {#- Whether the raw table has the column (files, warehouse tables or an adapter's model);
        true while make lint only renders, so that the reading branch is linted. -#}
    {%- if not execute or var('lint_rendering') -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(raw_table(table_name)) -%}
    {{ return(column_name in columns | map(attribute='name') | map('lower') | list) }}
{% endmacro %}

{% macro required_raw_tables() %}
    {#- The tables that must hold rows; balances, loans and loan_applications may be empty. -#}
    {{ return(['customers', 'accounts', 'transactions']) }}
{% endmacro %}
