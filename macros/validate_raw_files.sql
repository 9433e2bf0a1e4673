{% macro validate_raw_files() %}
    {#-
        on-run-start: stop the build before anything runs when a raw file breaks the input
        contract, with a message naming the table, the column and the rule. Row-level problems
        are not checked here: staging quarantines those rows. Only for file sources on DuckDB.
    -#}
    {%- if not execute or target.type != 'duckdb' -%}
        {{ return('') }}
    {%- endif -%}
    {%- if var('source_adapter', 'core_banking') == 'berka' -%}
        {{ return(validate_berka_files()) }}
    {%- endif -%}
    {%- if var('raw_source_kind', 'files') != 'files' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = raw_data_path() -%}
    {%- set file_format = raw_file_format() -%}
    {%- if file_format not in ['parquet', 'csv'] -%}
        {{ exceptions.raise_compiler_error(
            "raw_file_format: '" ~ file_format ~ "' is not parquet or csv") }}
    {%- endif -%}
    {%- for table_name, columns in raw_input_contract().items() -%}
        {%- set path = folder ~ '/' ~ table_name ~ '.' ~ file_format -%}
        {%- set found = run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] -%}
        {%- if found == 0 -%}
            {{ exceptions.raise_compiler_error(
                "raw table '" ~ table_name ~ "': file " ~ path ~ " not found. Rule: all six "
                ~ "tables of the raw input contract must exist (balances, loans and "
                ~ "loan_applications may be empty).") }}
        {%- endif -%}
        {%- if file_format == 'csv' and var('raw_csv_encoding', 'utf-8') | lower in ['utf-8', 'utf8'] -%}
            {%- set not_utf8 = run_query(
                "select try(decode(content)) is null from read_blob('" ~ path ~ "')"
            ).columns[0].values()[0] -%}
            {%- if not_utf8 -%}
                {{ exceptions.raise_compiler_error(
                    "raw table '" ~ table_name ~ "': " ~ path ~ " is not UTF-8 text. Rule: "
                    ~ "CSV files are read as UTF-8 unless var raw_csv_encoding names their "
                    ~ "encoding (e.g. --vars '{raw_csv_encoding: latin-1}').") }}
            {%- endif -%}
        {%- endif -%}
        {%- set described = run_query("describe select * from " ~ raw_file_reader(table_name)) -%}
        {%- set actual = {} -%}
        {%- for row in described.rows -%}
            {%- do actual.update({row[0] | lower: row[1]}) -%}
        {%- endfor -%}
        {%- for column_name, families in columns.items() -%}
            {%- if column_name not in actual -%}
                {{ exceptions.raise_compiler_error(
                    "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' is missing "
                    ~ "(found: " ~ (actual.keys() | list | join(', ')) ~ "). Rule: the raw "
                    ~ "input contract names every column; rename it in the extract.") }}
            {%- endif -%}
            {%- set column_families = type_families(actual[column_name]) -%}
            {%- if not (column_families | select('in', families) | list) -%}
                {{ exceptions.raise_compiler_error(
                    "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' has type "
                    ~ actual[column_name] ~ ". Rule: expected " ~ (families | join(' or '))
                    ~ ".") }}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}

{% macro validate_berka_files() %}
    {%- set folder = var('berka_data_path', env_var('BANKSEG_BERKA_PATH', '../shared/data/berka')) -%}
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
