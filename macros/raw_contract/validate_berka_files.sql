{% macro validate_berka_files() %}
    {%- set folder = berka_data_path() -%}
    {%- for file_name in ['client', 'account', 'disp', 'trans', 'loan', 'card', 'district'] -%}
        {%- set path = folder ~ '/' ~ file_name ~ '.asc' -%}
        {%- set found = run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] -%}
        {%- if found == 0 -%}
            {{ exceptions.raise_compiler_error(
                "berka: file " ~ path ~ " not found. Rule: var berka_data_path (env "
                ~ "BANKSEG_BERKA_PATH) must name the folder of the PKDD'99 .asc files.") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}
