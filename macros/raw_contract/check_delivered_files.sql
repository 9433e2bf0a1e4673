{#-
    Checks of a raw table's delivered files, file by file (DuckDB; Spark reads one file per
    table): validate_raw_files runs them before anything is built, and each stops the build
    naming the file and what to change. A file that holds nothing is refused rather than read
    as a month without bookings: the as-of date would silently move back.
-#}
{% macro check_files_not_blank(table_name, files) %}
    {#- A file of 0 bytes is a transfer that failed, whatever the table. -#}
    {%- set blank = run_query("select filename from read_blob(" ~ sql_file_list(files)
        ~ ") where size = 0 order by filename").columns[0].values() -%}
    {%- if blank -%}
        {{ exceptions.raise_compiler_error(
            "raw table '" ~ table_name ~ "': " ~ blank | join(', ') ~ " is empty (0 bytes, not "
            ~ "even a header). Rule: every delivered file holds the table's header and rows; "
            ~ "deliver the file again, or remove it from the folder if it should not be there.") }}
    {%- endif -%}
{% endmacro %}

{% macro check_files_hold_rows(table_name, files, read_files) %}
    {#- A table that must hold rows (required_raw_tables) holds rows in every file. -#}
    {%- if table_name not in required_raw_tables() -%}
        {{ return('') }}
    {%- endif -%}
    {%- for path, read_path in zip(files, read_files) -%}
        {%- set rows = run_query("select count(*) from (select 1 from "
            ~ raw_file_reader(table_name, [read_path]) ~ " limit 1)").columns[0].values()[0] -%}
        {%- if rows == 0 -%}
            {{ exceptions.raise_compiler_error(
                "raw table '" ~ table_name ~ "': " ~ path ~ " holds no row (a header only). "
                ~ "Rule: " ~ required_raw_tables() | join(', ') ~ " hold rows in every "
                ~ "delivered file (balances, loans and loan_applications may be empty); "
                ~ "deliver the file again with its rows, or remove it from the folder.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro check_files_have_required_columns(table_name, files, read_files) %}
    {#- In a table of several files, each file has every required column (a column missing
        from one file would reject all its rows as '... is null'); an optional one may lack. -#}
    {%- if files | length < 2 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set optional = optional_raw_columns().get(table_name, []) -%}
    {%- set required = raw_input_contract()[table_name].keys() | reject('in', optional) | list -%}
    {%- for path, read_path in zip(files, read_files) -%}
        {%- set found = described_columns(
            'describe select * from ' ~ raw_file_reader(table_name, [read_path])) -%}
        {%- set missing = required | reject('in', found) | list -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "raw table '" ~ table_name ~ "': " ~ path ~ " lacks column "
                ~ missing | join(', ') ~ " (its columns: " ~ found.keys()
                | reject('equalto', 'filename') | join(', ') ~ "), which the table's other "
                ~ "files have. Rule: every file of a table holds the contract's required "
                ~ "columns (only " ~ (optional | join(', ') or 'none') ~ " may be left out); "
                ~ "deliver the file again with the column.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro what_the_folder_holds(table_name) %}
    {#- For the refusal of a table with no file in the declared format: what the raw folder
        holds instead under the table's name, or at all, and the setting to change. -#}
    {%- set folder = raw_data_path() -%}
    {%- set stem = folder ~ '/' ~ table_name -%}
    {%- set found = run_query("select file from glob('" ~ stem ~ ".*') union all select file "
        ~ "from glob('" ~ stem ~ "/*') order by file limit 5").columns[0].values() | list -%}
    {%- if found -%}
        {%- set extension = found[0].rsplit('.', 1)[-1] | lower -%}
        {{ return("the folder holds " ~ found | join(', ') ~ (": set raw_file_format to "
            ~ extension if extension in ['csv', 'parquet'] else ": deliver the table as "
            ~ "parquet or csv") ~ ".") }}
    {%- endif -%}
    {%- set anything = run_query("select file from glob('" ~ folder ~ "/*') order by file "
        ~ "limit 5").columns[0].values() | list -%}
    {%- if anything -%}
        {{ return("the folder " ~ folder ~ " holds " ~ anything | join(', ')
            ~ ": name the file " ~ table_name ~ "." ~ raw_file_format() ~ ".") }}
    {%- endif -%}
    {{ return("the folder " ~ folder ~ " is empty or does not exist: set raw_data_path.") }}
{% endmacro %}
