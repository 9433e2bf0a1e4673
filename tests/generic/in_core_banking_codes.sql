{% test in_core_banking_codes(model, column_name, code_list) %}
{#- The values of column_name outside the code list `code_list` of macro core_banking_codes
    (the one place the contract's codes are written), with their row counts; nulls pass. -#}

select
    {{ column_name }} as value_field,
    count(*) as n_records
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in {{ core_banking_codes(code_list) }}
group by {{ column_name }}

{% endtest %}
