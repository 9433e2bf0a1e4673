{% macro write_parquet(select_sql, path) %}
    {{ return(adapter.dispatch('write_parquet')(select_sql, path)) }}
{% endmacro %}

{% macro default__write_parquet(select_sql, path) %}
    copy ({{ select_sql }}) to '{{ path }}' (format parquet)
{% endmacro %}

{#- a folder of part files, written by the executors -#}
{% macro spark__write_parquet(select_sql, path) %}
    insert overwrite directory '{{ path }}' using parquet {{ select_sql }}
{% endmacro %}
