{% macro with_currency(text) %}
    {#- `text` with its {currency} placeholder replaced by the reporting currency (seed
        display_units; macro reporting_currency). -#}
    replace({{ text }}, '{currency}', '{{ reporting_currency() }}')
{% endmacro %}
