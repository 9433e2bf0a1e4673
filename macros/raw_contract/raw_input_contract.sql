{% macro raw_input_contract() %}
    {#- table -> column -> type families the raw file may use (text is cast per row). -#}
    {%- set key = ['text', 'integer'] -%}
    {%- set code = ['text'] -%}
    {%- set day = ['date', 'timestamp', 'text'] -%}
    {%- set moment = ['timestamp', 'date', 'text'] -%}
    {%- set amount = ['number', 'text'] -%}
    {{ return({
        'customers': {'customer_id': key, 'birth_date': day, 'gender': code, 'region': code,
                      'onboarded_date': day},
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
