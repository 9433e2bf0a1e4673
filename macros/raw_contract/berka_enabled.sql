{% macro berka_enabled() %}
    {{ return(var('source_adapter') == 'berka') }}
{% endmacro %}
