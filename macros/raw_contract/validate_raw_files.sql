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
