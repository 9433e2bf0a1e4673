{% macro normalised_code(column, table_name=none) %}
    {#- A code trimmed and lower-cased, then, when var raw_code_mappings maps the bank's codes
        of this table's column, the contract code it maps to. -#}
    {%- set normalised = delivered_code(column) -%}
    {%- set mapping = bank_code_mapping(table_name, column) -%}
    {%- if not mapping -%}
        {{ return(normalised) }}
    {%- endif -%}
    {%- set cases = [] -%}
    {%- for bank_code, contract_code in mapping.items() -%}
        {%- do cases.append('when ' ~ sql_character(bank_code) ~ ' then '
            ~ sql_character(contract_code)) -%}
    {%- endfor -%}
    {{ return('case ' ~ normalised ~ ' ' ~ cases | join(' ') ~ ' else ' ~ normalised ~ ' end') }}
{% endmacro %}

{% macro bank_code_mapping(table_name, column) %}
    {#- var raw_code_mappings for one table's column, its bank codes trimmed and lower-cased as
        every code is compared: {bank code: contract code}; empty when none. -#}
    {%- set declared = ((var('raw_code_mappings') or {}).get(table_name) or {}).get(column)
        or {} -%}
    {%- set mapping = {} -%}
    {%- for bank_code, contract_code in declared.items() -%}
        {%- do mapping.update({(bank_code | string | trim | lower): contract_code}) -%}
    {%- endfor -%}
    {{ return(mapping) }}
{% endmacro %}

{% macro delivered_code(column) %}
    {#- A code as delivered, trimmed and lower-cased (null when empty), before any mapping. -#}
    {{ return("nullif(lower(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "))), '')") }}
{% endmacro %}
