{% macro berka_date(column) %}
    {#- Berka dates are YYMMDD text (1990s); an unparsable value becomes null. -#}
    cast(try_strptime('19' || left(trim({{ column }}), 6), '%Y%m%d') as date)
{% endmacro %}
