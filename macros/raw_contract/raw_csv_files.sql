{% macro raw_csv_files() %}
    {#-
        The raw CSV files this build reads, as [(table, path, reader options)]: the six
        contract tables when raw_file_format is csv, the Berka files with source_adapter berka;
        empty for Parquet. The options are the ones the sources' external_location uses (YAML
        cannot call macros: keep the two in step), without the error handling, which differs:
        the sources skip the lines that do not parse (ignore_errors), unparsed_raw_lines keeps
        them.
    -#}
    {%- set files = [] -%}
    {%- if target.type != 'duckdb' -%}
        {{ return(files) }}
    {%- endif -%}
    {%- if var('source_adapter') == 'berka' -%}
        {%- set folder = berka_data_path() -%}
        {%- for file_name in ['client', 'account', 'disp', 'trans', 'loan', 'card', 'district'] -%}
            {%- do files.append((file_name, folder ~ '/' ~ file_name ~ '.asc',
                "delim = ';', header = true, quote = '\"', all_varchar = true")) -%}
        {%- endfor -%}
    {%- elif var('raw_source_kind') == 'files' and raw_file_format() == 'csv' -%}
        {%- for table_name in core_banking_tables() -%}
            {%- do files.append((table_name, raw_data_path() ~ '/' ~ table_name ~ '.csv',
                "header = true, all_varchar = true, encoding = '"
                ~ var('raw_csv_encoding') ~ "'")) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{% endmacro %}
