{% macro base_model(table_name) %}
    {#- The base_core_banking__<table> model of a contract table, by literal ref: a search for
        a model's name finds every reader. -#}
    {%- if table_name == 'customers' -%} {{ return(ref('base_core_banking__customers')) }}
    {%- elif table_name == 'accounts' -%} {{ return(ref('base_core_banking__accounts')) }}
    {%- elif table_name == 'transactions' -%} {{ return(ref('base_core_banking__transactions')) }}
    {%- elif table_name == 'balances' -%} {{ return(ref('base_core_banking__balances')) }}
    {%- elif table_name == 'loans' -%} {{ return(ref('base_core_banking__loans')) }}
    {%- elif table_name == 'loan_applications' -%}
        {{ return(ref('base_core_banking__loan_applications')) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error("base_model: '" ~ table_name ~ "' is no contract table") }}
{% endmacro %}
