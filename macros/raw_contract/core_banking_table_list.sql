{% macro core_banking_table_list() %}
    {#- The six contract tables as a SQL list: ('customers', 'accounts', ...). -#}
    {{ return("('" ~ core_banking_tables() | join("', '") ~ "')") }}
{% endmacro %}
