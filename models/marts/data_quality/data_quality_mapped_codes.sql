{#-
    One row per bank code that var raw_code_mappings maps and the delivery holds: its table
    and column, the code as delivered (trimmed, lower case), the contract code it is read as,
    and its rows. Empty when nothing is mapped (or for the Berka adapter, which maps its own).
-#}
{%- set mapped = [] %}
{%- if var('source_adapter') == 'core_banking' %}
    {%- for table_name, columns in (var('raw_code_mappings') or {}).items() %}
        {%- for column_name in columns %}
            {%- do mapped.append(
                (table_name, column_name, bank_code_mapping(table_name, column_name))
            ) %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}
with

counted as (

    {% for table_name, column_name, mapping in mapped %}
        select
            '{{ table_name }}' as table_name,
            '{{ column_name }}' as column_name,
            {{ delivered_code(column_name) }} as delivered_code,
            {{ normalised_code(column_name, table_name) }} as contract_code,
            cast(count(*) as bigint) as rows_mapped
        from {{ source('core_banking', table_name) }}
        where {{ delivered_code(column_name) }} in (
            {%- for bank_code in mapping -%}
                {{ sql_character(bank_code) }}{{ ', ' if not loop.last }}
            {%- endfor -%}
        )
        group by 1, 2, 3, 4
        union all
    {% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as delivered_code,
        cast(null as {{ dbt.type_string() }}) as contract_code,
        cast(0 as bigint) as rows_mapped
    where false

)

select * from counted
