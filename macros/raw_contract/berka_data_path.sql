{% macro berka_data_path() %}
    {#- Folder of the Berka .asc files: var berka_data_path, else env BANKSEG_BERKA_PATH. -#}
    {{ return(var('berka_data_path', none) or env_var('BANKSEG_BERKA_PATH', 'data/berka')) }}
{% endmacro %}
