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
    {%- for table_name, columns in raw_input_contract().items() -%}
        {%- set actual = register_raw_table(table_name) -%}
        {%- set may_lack = raw_columns_a_delivery_may_lack().get(table_name, []) -%}
        {%- for column_name, families in columns.items()
            if column_name in actual or column_name not in may_lack -%}
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
        {%- do check_table_rows_delivered(table_name) -%}
    {%- endfor -%}
{% endmacro %}

{% macro check_table_rows_delivered(table_name) %}
    {#- Every file has the required columns, and a table that must hold rows holds them in
        every file (macros check_files_*; on Spark, which reads one file, the table). -#}
    {%- if target.type == 'duckdb' -%}
        {%- set files = raw_table_files(table_name) -%}
        {%- set read_files = raw_files_read(table_name) -%}
        {%- do check_files_have_required_columns(table_name, files, read_files) -%}
        {%- do check_files_hold_rows(table_name, files, read_files) -%}
    {%- elif table_name in required_raw_tables() -%}
        {%- set relation = source('core_banking', table_name) -%}
        {%- if run_query('select 1 from ' ~ relation ~ ' limit 1').rows | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "raw table '" ~ table_name ~ "' holds no row. Rule: "
                ~ required_raw_tables() | join(', ') ~ " hold rows.") }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
