{% macro validate_raw_files() %}
    {#-
        on-run-start: stop the build before anything runs when a raw file breaks the input
        contract, with a message naming the table, the column and the rule. Row-level problems
        are not checked here: staging quarantines those rows. Only for file sources. On Spark it
        first registers each file as an external table (Spark reads sources as tables).
    -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- if var('source_adapter') == 'berka' -%}
        {%- if target.type != 'duckdb' -%}
            {{ exceptions.raise_compiler_error(
                "source_adapter 'berka' reads the .asc files with DuckDB's CSV reader: it runs "
                ~ "on the duckdb target only (target here: " ~ target.type ~ ").") }}
        {%- endif -%}
        {{ return(validate_berka_files()) }}
    {%- endif -%}
    {%- if var('raw_source_kind') != 'files' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = raw_data_path() -%}
    {%- set file_format = raw_file_format() -%}
    {%- if file_format not in ['parquet', 'csv'] -%}
        {{ exceptions.raise_compiler_error(
            "raw_file_format: '" ~ file_format ~ "' is not parquet or csv") }}
    {%- endif -%}
    {%- for table_name, columns in raw_input_contract().items() -%}
        {%- set actual = raw_file_columns(table_name, folder ~ '/' ~ table_name ~ '.' ~ file_format) -%}
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

{% macro raw_file_columns(table_name, path) %}
    {#- column name (lower case) -> type of one raw file; stops when the file is missing. -#}
    {{ return(adapter.dispatch('raw_file_columns')(table_name, path)) }}
{% endmacro %}

{% macro duckdb__raw_file_columns(table_name, path) %}
    {%- set found = run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ exceptions.raise_compiler_error(
            "raw table '" ~ table_name ~ "': file " ~ path ~ " not found. Rule: all six "
            ~ "tables of the raw input contract must exist (balances, loans and "
            ~ "loan_applications may be empty).") }}
    {%- endif -%}
    {%- if path.endswith('.csv') and var('raw_csv_encoding') | lower in ['utf-8', 'utf8'] -%}
        {%- set not_utf8 = run_query(
            "select try(decode(content)) is null from read_blob('" ~ path ~ "')"
        ).columns[0].values()[0] -%}
        {#-
            Fatal, not quarantined: DuckDB's CSV reader drops or keeps a line with invalid bytes
            depending on which columns a query reads (seen with DuckDB 2.0.1), so its rows could
            not be counted the same way twice.
        -#}
        {%- if not_utf8 -%}
            {{ exceptions.raise_compiler_error(
                "raw table '" ~ table_name ~ "': " ~ path ~ " is not UTF-8 text. Rule: "
                ~ "CSV files are read as UTF-8 unless var raw_csv_encoding names their "
                ~ "encoding (e.g. --vars '{raw_csv_encoding: latin-1}').") }}
        {%- endif -%}
    {%- endif -%}
    {{ return(described_columns("describe select * from " ~ raw_file_reader(table_name))) }}
{% endmacro %}

{% macro spark__raw_file_columns(table_name, path) %}
    {#-
        Registers the file as the external table <core_banking source schema>.<table> that
        source() names; dropping an external table leaves its file alone. A missing file stops
        here with Spark's PATH_NOT_FOUND and the path.
    -#}
    {%- set schema = source('core_banking', table_name).schema -%}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table_name) -%}
    {%- if path.endswith('.csv') -%}
        {%- set using = "csv options (header 'true', encoding '"
            ~ var('raw_csv_encoding') ~ "')" -%}
    {%- else -%}
        {%- set using = 'parquet' -%}
    {%- endif -%}
    {%- do run_query('create table ' ~ schema ~ '.' ~ table_name ~ ' using ' ~ using
        ~ " location '" ~ path ~ "'") -%}
    {{ return(described_columns('describe table ' ~ schema ~ '.' ~ table_name)) }}
{% endmacro %}

{% macro described_columns(describe_sql) %}
    {%- set actual = {} -%}
    {%- for row in run_query(describe_sql).rows -%}
        {%- if row[0] and not row[0].startswith('#') and row[0] | lower not in actual -%}
            {%- do actual.update({row[0] | lower: row[1]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(actual) }}
{% endmacro %}

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
