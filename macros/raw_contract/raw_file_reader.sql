{% macro raw_file_reader(table_name) %}
    {#- The DuckDB table function that reads one raw table's file (see the sources YAML). -#}
    {%- set folder = raw_data_path() -%}
    {%- if raw_file_format() == 'csv' -%}
        read_csv('{{ folder }}/{{ table_name }}.csv', header = true, all_varchar = true,
            encoding = '{{ var("raw_csv_encoding") }}', ignore_errors = true)
    {%- else -%}
        read_parquet('{{ folder }}/{{ table_name }}.parquet')
    {%- endif -%}
{% endmacro %}
