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
    {%- set file_format = raw_file_format() -%}
    {%- if file_format not in ['parquet', 'csv'] -%}
        {{ exceptions.raise_compiler_error(
            "raw_file_format: '" ~ file_format ~ "' is not parquet or csv") }}
    {%- endif -%}
    {%- do check_raw_table_settings() -%}
    {%- for table_name, columns in raw_input_contract().items() -%}
        {%- set actual = register_raw_table(table_name) -%}
        {%- for column_name, families in columns.items() -%}
            {%- if column_name not in actual -%}
                {%- set found = actual.keys() | reject('equalto', 'filename') | list -%}
                {%- set separators = [';', '|', '\t', ','] | select('in', found | join('')) | list -%}
                {{ exceptions.raise_compiler_error(
                    "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' is missing "
                    ~ "(found: " ~ found | join(', ') ~ "). Rule: the raw input contract names "
                    ~ "every column; rename it in the extract."
                    ~ (" The header looks separated by '" ~ separators[0] ~ "': set var "
                       ~ "raw_csv_delimiter (project-wide or for this table)."
                       if separators and file_format == 'csv' else "")) }}
            {%- endif -%}
            {%- set column_families = type_families(actual[column_name]) -%}
            {%- if not (column_families | select('in', families) | list) -%}
                {{ exceptions.raise_compiler_error(
                    "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' has type "
                    ~ actual[column_name] ~ ". Rule: expected " ~ (families | join(' or '))
                    ~ ".") }}
            {%- endif -%}
            {%- if 'date' in families and 'text' in column_families -%}
                {%- do check_raw_date_text(table_name, column_name, families[0]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}

{% macro check_raw_table_settings() %}
    {#- var raw_table_settings names contract tables and reading settings only. -#}
    {%- for table_name, settings in (var('raw_table_settings') or {}).items() -%}
        {%- if table_name not in core_banking_tables() -%}
            {{ exceptions.raise_compiler_error(
                "raw_table_settings: '" ~ table_name ~ "' is not a raw table ("
                ~ core_banking_tables() | join(', ') ~ ").") }}
        {%- endif -%}
        {%- for setting in settings if setting not in raw_reading_settings() -%}
            {{ exceptions.raise_compiler_error(
                "raw_table_settings: " ~ table_name ~ "." ~ setting ~ " is not a reading "
                ~ "setting (" ~ raw_reading_settings() | join(', ') ~ ").") }}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}
