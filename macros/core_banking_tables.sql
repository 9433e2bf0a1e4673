{% macro core_banking_tables() %}
    {#- The six tables of the raw input contract, in contract order. -#}
    {{ return(raw_input_contract().keys() | list) }}
{% endmacro %}

{% macro core_banking_table_list() %}
    {#- The six contract tables as a SQL list: ('customers', 'accounts', ...). -#}
    {{ return("('" ~ core_banking_tables() | join("', '") ~ "')") }}
{% endmacro %}
