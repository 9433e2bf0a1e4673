{% macro core_banking_tables() %}
    {{ return(['customers', 'accounts', 'transactions', 'balances', 'loans', 'loan_applications']) }}
{% endmacro %}
