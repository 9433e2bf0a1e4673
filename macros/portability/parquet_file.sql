{% macro parquet_file(path) %}
    {{ return(adapter.dispatch('parquet_file')(path)) }}
{% endmacro %}

{% macro default__parquet_file(path) %}
    read_parquet('{{ path }}')
{% endmacro %}

{% macro spark__parquet_file(path) %}
    parquet.`{{ path }}`
{% endmacro %}
