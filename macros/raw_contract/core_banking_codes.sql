{% macro contract_codes(code_list) %}
    {#- The contract's code lists: the one place the accepted codes are written. -#}
    {%- set codes = {
        'product_type': ['current', 'savings', 'credit_card', 'loan', 'term_deposit'],
        'direction': ['debit', 'credit'],
        'channel': ['card_pos', 'card_online', 'atm', 'branch', 'transfer', 'direct_debit',
                    'standing_order', 'interest', 'fee'],
        'loan_product': ['personal', 'mortgage', 'auto', 'overdraft', 'other'],
        'loan_status': ['current', 'late', 'default', 'closed'],
        'application_decision': ['approved', 'declined', 'pending'],
    } -%}
    {%- if code_list not in codes -%}
        {{ exceptions.raise_compiler_error("contract_codes: unknown code list '" ~ code_list ~ "'") }}
    {%- endif -%}
    {{ return(codes[code_list]) }}
{% endmacro %}

{% macro coded_columns() %}
    {#- table -> column -> the code list its values come from. -#}
    {{ return({
        'accounts': {'product_type': 'product_type'},
        'transactions': {'direction': 'direction', 'channel': 'channel'},
        'loans': {'product': 'loan_product', 'status': 'loan_status'},
        'loan_applications': {'product': 'loan_product', 'decision': 'application_decision'},
    }) }}
{% endmacro %}

{% macro core_banking_codes(code_list) %}
    {#- A code list as a SQL list: ('current', 'savings', ...). -#}
    ({%- for code in contract_codes(code_list) -%}'{{ code }}'{{ ", " if not loop.last }}{%- endfor -%})
{% endmacro %}

{% macro not_a_contract_code(column_name, code_list) %}
    {#- The rejection rule of a code outside its list, naming the accepted codes. -#}
    {{ return(sql_character(column_name ~ ' is not one of ' ~ contract_codes(code_list)
        | join(', ') ~ ' (or mapped in raw_code_mappings)')) }}
{% endmacro %}
