{% macro spending_groups() %}
    {#- Spending groups that get their own spend-share feature (seed merchant_category_groups). -#}
    {{ return(['groceries', 'dining', 'travel', 'fuel', 'entertainment', 'health', 'shopping',
               'digital_services']) }}
{% endmacro %}
