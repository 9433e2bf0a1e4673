{% macro raw_file_format() %}
    {{ return(var('raw_file_format', none) or env_var('BANKSEG_RAW_FILE_FORMAT', 'parquet')) }}
{% endmacro %}
