{% macro raw_csv_files() %}
    {#-
        The raw CSV files this build reads, one entry per file: (name, table, path, reader
        options), name unique per file (<table>_<n>). The six contract tables when
        raw_file_format is csv, the Berka files with source_adapter berka; empty for Parquet.
        The options are the readers' own (raw_csv_options, the Berka sources'
        external_location: keep that one in step, YAML cannot call macros), without the error
        handling, which differs: the readers skip the lines that do not parse (ignore_errors),
        unparsed_raw_lines keeps them.
    -#}
    {%- set files = [] -%}
    {%- if target.type != 'duckdb' -%}
        {{ return(files) }}
    {%- endif -%}
    {%- if var('source_adapter') == 'berka' -%}
        {%- set folder = berka_data_path() -%}
        {%- for file_name in ['client', 'account', 'disp', 'trans', 'loan', 'card', 'district'] -%}
            {%- do files.append((file_name, file_name, folder ~ '/' ~ file_name ~ '.asc',
                "delim = ';', header = true, quote = '\"', all_varchar = true")) -%}
        {%- endfor -%}
    {%- elif raw_file_format() == 'csv' and raw_file_views_exist() -%}
        {%- for table_name in core_banking_tables() -%}
            {%- for path in raw_files_read(table_name) -%}
                {%- do files.append((table_name ~ '_' ~ loop.index, table_name, path,
                    raw_csv_options(table_name))) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{% endmacro %}
