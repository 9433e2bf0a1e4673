{% macro raw_data_path() %}
    {#- Folder of the raw files; the sources YAML repeats this (YAML cannot call macros). -#}
    {{ return(var('raw_data_path', none) or env_var('BANKSEG_RAW_DATA_PATH', 'data/raw/demo')) }}
{% endmacro %}
