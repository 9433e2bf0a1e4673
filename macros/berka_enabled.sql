{% macro berka_enabled() %}
    {{ return(var('source_adapter', 'core_banking') == 'berka') }}
{% endmacro %}
