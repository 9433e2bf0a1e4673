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
