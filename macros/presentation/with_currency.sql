{% macro with_currency(text) %}
    {#- `text` with its {currency} placeholder replaced by var currency (seed display_units). -#}
    replace({{ text }}, '{currency}', '{{ var("currency") }}')
{% endmacro %}
