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

{% macro raw_file_format() %}
    {{ return(var('raw_file_format', env_var('BANKSEG_RAW_FILE_FORMAT', 'parquet'))) }}
{% endmacro %}

{% macro raw_data_path() %}
    {#- Folder of the raw files; the sources YAML repeats this (YAML cannot call macros). -#}
    {{ return(var('raw_data_path', env_var('BANKSEG_RAW_DATA_PATH', 'data/raw/demo'))) }}
{% endmacro %}
