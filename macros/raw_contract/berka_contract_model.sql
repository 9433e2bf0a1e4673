{% macro berka_contract_model(table_name) %}
    {#- The Berka adapter's berka_<table> model of a contract table, by literal ref. -#}
    {%- if table_name == 'customers' -%} {{ return(ref('berka_customers')) }}
    {%- elif table_name == 'accounts' -%} {{ return(ref('berka_accounts')) }}
    {%- elif table_name == 'transactions' -%} {{ return(ref('berka_transactions')) }}
    {%- elif table_name == 'balances' -%} {{ return(ref('berka_balances')) }}
    {%- elif table_name == 'loans' -%} {{ return(ref('berka_loans')) }}
    {%- elif table_name == 'loan_applications' -%} {{ return(ref('berka_loan_applications')) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "berka_contract_model: '" ~ table_name ~ "' is no contract table") }}
{% endmacro %}
