{% macro core_banking_tables() %}
    {#- The six tables of the raw input contract, in contract order. -#}
    {{ return(raw_input_contract().keys() | list) }}
{% endmacro %}
