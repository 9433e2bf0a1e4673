{% macro register_raw_table(table_name) %}
    {#-
        Makes one raw table readable as the relation its source names, and returns its columns
        (name, lower case -> type). Stops when its files are missing or not text in their
        declared encoding.
    -#}
    {{ return(adapter.dispatch('register_raw_table')(table_name)) }}
{% endmacro %}

{% macro duckdb__register_raw_table(table_name) %}
    {%- set files = raw_table_files(table_name) -%}
    {%- set stem = raw_data_path() ~ '/' ~ table_name -%}
    {%- set extension = raw_file_format() -%}
    {%- if not files -%}
        {{ exceptions.raise_compiler_error(
            "raw table '" ~ table_name ~ "': no file " ~ stem ~ "." ~ extension ~ " and no ."
            ~ extension ~ " file in folder " ~ stem ~ "/; " ~ what_the_folder_holds(table_name)
            ~ " Rule: all six tables of the raw input contract must exist (balances, loans and "
            ~ "loan_applications may be empty), each as one file or a folder of files.") }}
    {%- endif -%}
    {%- do check_files_not_blank(table_name, files) -%}
    {%- if files | length > 1 and (stem ~ '.' ~ extension) in files -%}
        {{ exceptions.raise_compiler_error(
            "raw table '" ~ table_name ~ "': both " ~ stem ~ "." ~ extension ~ " and folder "
            ~ stem ~ "/ exist. Rule: a table is one file or one folder of files, not both.") }}
    {%- endif -%}
    {%- if extension == 'csv' -%}
        {%- set encoding = raw_setting(table_name, 'raw_csv_encoding') -%}
        {%- if is_utf8(encoding) -%}
            {%- for path in files -%}
                {%- do check_utf8_text(table_name, path) -%}
            {%- endfor -%}
        {%- else -%}
            {%- for path, copy in zip(files, raw_files_read(table_name)) -%}
                {%- do run_query("select transcode_raw_csv(" ~ sql_character(table_name) ~ ", "
                    ~ sql_character(path) ~ ", " ~ sql_character(encoding) ~ ", "
                    ~ sql_character(copy) ~ ")") -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {%- set named = source('core_banking', table_name) -%}
    {#- the relation itself, also under dbt run --empty (which renders a source as a query) -#}
    {%- set relation = api.Relation.create(
        database=named.database, schema=named.schema, identifier=named.identifier) -%}
    {%- do run_query('create schema if not exists ' ~ relation.include(identifier=false)) -%}
    {%- do run_query('create or replace view ' ~ relation ~ ' as select * from '
        ~ raw_file_reader(table_name)) -%}
    {{ return(described_columns('describe ' ~ relation)) }}
{% endmacro %}

{% macro check_utf8_text(table_name, path) %}
    {%- set not_utf8 = run_query(
        "select try(decode(content)) is null from read_blob(" ~ sql_character(path) ~ ")"
    ).columns[0].values()[0] -%}
    {#-
        Fatal, not quarantined: DuckDB's CSV reader drops or keeps a line with invalid bytes
        depending on which columns a query reads (seen with DuckDB 2.0.1), so its rows could
        not be counted the same way twice.
    -#}
    {%- if not_utf8 -%}
        {{ exceptions.raise_compiler_error(
            "raw table '" ~ table_name ~ "': " ~ path ~ " is not UTF-8 text. Rule: CSV files "
            ~ "are read as UTF-8 unless var raw_csv_encoding (project-wide, or per table in "
            ~ "raw_table_settings) names their encoding, e.g. --vars "
            ~ "'{raw_csv_encoding: cp1252}' for Windows-1252.") }}
    {%- endif -%}
{% endmacro %}

{% macro spark__register_raw_table(table_name) %}
    {#-
        Registers the file as the external table <core_banking source schema>.<table>__file
        and makes <table>, which source() names, a view over it that adds each row's file name
        (column filename, as on DuckDB); dropping an external table leaves its file alone. A
        missing file stops here with Spark's PATH_NOT_FOUND and the path. Spark reads the
        encoding itself.
    -#}
    {%- set path = raw_data_path() ~ '/' ~ table_name ~ '.' ~ raw_file_format() -%}
    {%- set schema = source('core_banking', table_name).schema -%}
    {%- set file_table = schema ~ '.' ~ table_name ~ '__file' -%}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- set existing = adapter.get_relation(
        database=none, schema=schema, identifier=table_name) -%}
    {%- if existing is not none -%}
        {%- do adapter.drop_relation(existing) -%}
    {%- endif -%}
    {%- do run_query('drop table if exists ' ~ file_table) -%}
    {%- if path.endswith('.csv') -%}
        {%- set using = "csv options (header 'true', encoding "
            ~ sql_character(raw_setting(table_name, 'raw_csv_encoding')) ~ ", sep "
            ~ sql_character(raw_setting(table_name, 'raw_csv_delimiter') or ',') ~ ")" -%}
    {%- else -%}
        {%- set using = 'parquet' -%}
    {%- endif -%}
    {%- do run_query('create table ' ~ file_table ~ ' using ' ~ using
        ~ " location '" ~ path ~ "'") -%}
    {%- do run_query('create view ' ~ schema ~ '.' ~ table_name ~ ' as select *, '
        ~ "regexp_replace(input_file_name(), '^file:(//)?', '') as filename from "
        ~ file_table) -%}
    {{ return(described_columns('describe table ' ~ schema ~ '.' ~ table_name)) }}
{% endmacro %}
