{% macro core_banking_codes(code_list) %}
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
        {{ exceptions.raise_compiler_error("core_banking_codes: unknown code list '" ~ code_list ~ "'") }}
    {%- endif -%}
    ({%- for code in codes[code_list] -%}'{{ code }}'{{ ", " if not loop.last }}{%- endfor -%})
{% endmacro %}
