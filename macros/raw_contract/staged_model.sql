{% macro staged_model(table_name) %}
    {#- The stg_core_banking__<table> model of a contract table, by literal ref. -#}
    {%- if table_name == 'customers' -%} {{ return(ref('stg_core_banking__customers')) }}
    {%- elif table_name == 'accounts' -%} {{ return(ref('stg_core_banking__accounts')) }}
    {%- elif table_name == 'transactions' -%} {{ return(ref('stg_core_banking__transactions')) }}
    {%- elif table_name == 'balances' -%} {{ return(ref('stg_core_banking__balances')) }}
    {%- elif table_name == 'loans' -%} {{ return(ref('stg_core_banking__loans')) }}
    {%- elif table_name == 'loan_applications' -%}
        {{ return(ref('stg_core_banking__loan_applications')) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error("staged_model: '" ~ table_name ~ "' is no contract table") }}
{% endmacro %}
