{#-
    How a raw table is read from files (DuckDB). A table is one file <folder>/<table>.<ext>,
    or a folder <folder>/<table>/ of any number of <ext> files (one per month, say), read as one
    relation by column name: a column missing from a file is null in its rows (reported per
    file in data_quality_raw_files), and every row carries its file's name (column filename).
    validate_raw_files (on-run-start) turns each table into the view core_banking.<table> that
    the sources name, over raw_file_reader().
-#}
{% macro raw_table_files(table_name) %}
    {#- The table's files as delivered, sorted; empty before execution or when none. -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set stem = raw_data_path() ~ '/' ~ table_name -%}
    {%- set extension = raw_file_format() -%}
    {%- set query -%}
        select file from glob('{{ stem }}.{{ extension }}')
        union all
        select file from glob('{{ stem }}/*.{{ extension }}')
        order by file
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{% endmacro %}

{% macro raw_file_views_exist() %}
    {#- True when this build reads the contract's files and validate_raw_files has made their
        relations: not when make lint only renders the models (var lint_rendering), nor on
        DuckDB before the views exist. -#}
    {{ return(var('source_adapter') == 'core_banking' and var('raw_source_kind') == 'files'
        and raw_relation_readable(source('core_banking', 'customers'))) }}
{% endmacro %}

{% macro raw_relation_readable(relation) %}
    {#- Whether a raw relation may be queried to decide what to render: never while make lint
        only renders (var lint_rendering); on DuckDB once it exists (on Spark, on-run-start
        has registered it). -#}
    {%- if var('lint_rendering') -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(target.type != 'duckdb' or load_relation(relation) is not none) }}
{% endmacro %}

{% macro is_utf8(encoding) %}
    {{ return(encoding | lower | replace('_', '-') in ['utf-8', 'utf8', 'utf-8-sig']) }}
{% endmacro %}

{% macro raw_files_read(table_name) %}
    {#-
        The files DuckDB reads for a table: the delivered ones, or for a CSV in another encoding
        than UTF-8 their UTF-8 copies beside the warehouse (written by validate_raw_files).
    -#}
    {%- set files = raw_table_files(table_name) -%}
    {%- if raw_file_format() != 'csv' or is_utf8(raw_setting(table_name, 'raw_csv_encoding')) -%}
        {{ return(files) }}
    {%- endif -%}
    {%- set copies = [] -%}
    {%- for path in files -%}
        {%- do copies.append(target.path ~ '.raw_utf8/' ~ table_name ~ '/'
            ~ path.split('/')[-1]) -%}
    {%- endfor -%}
    {{ return(copies) }}
{% endmacro %}

{% macro raw_csv_options(table_name) %}
    {#- The CSV reader options of a table's files: its delimiter, or DuckDB's sniffed one when
        raw_csv_delimiter is empty. The reader and unparsed_raw_lines share them. -#}
    {%- set delimiter = raw_setting(table_name, 'raw_csv_delimiter') -%}
    {{ return("header = true, all_varchar = true"
        ~ (", delim = " ~ sql_character(delimiter) if delimiter else "")) }}
{% endmacro %}

{% macro sql_file_list(files) %}
    {%- set literals = [] -%}
    {%- for path in files -%}
        {%- do literals.append(sql_character(path)) -%}
    {%- endfor -%}
    {{ return('[' ~ literals | join(', ') ~ ']') }}
{% endmacro %}

{% macro delivered_file_name(table_name, read_path) %}
    {#- SQL: the delivered file's path for the path DuckDB read (read_path, a SQL expression):
        a UTF-8 copy's path leads back to its source file. -#}
    {%- set files = raw_table_files(table_name) -%}
    {%- set copies = raw_files_read(table_name) -%}
    {%- if files == copies or not files -%}
        {{ return(read_path) }}
    {%- endif -%}
    {%- set copy_folder = copies[0].rsplit('/', 1)[0] ~ '/' -%}
    {%- set source_folder = files[0].rsplit('/', 1)[0] ~ '/' -%}
    {{ return('replace(' ~ read_path ~ ', ' ~ sql_character(copy_folder) ~ ', '
        ~ sql_character(source_folder) ~ ')') }}
{% endmacro %}

{% macro raw_file_reader(table_name, files=none) %}
    {#- The DuckDB relation that reads one raw table's files (or the given ones among them),
        each row with its delivered file's name (column filename). Lines that do not parse
        are skipped here and kept by unparsed_raw_lines. -#}
    {%- set literal = sql_file_list(files if files is not none else raw_files_read(table_name)) -%}
    (select * replace ({{ delivered_file_name(table_name, 'filename') }} as filename) from
    {%- if raw_file_format() == 'csv' %}
        read_csv({{ literal }}, {{ raw_csv_options(table_name) }}, union_by_name = true,
            filename = true, ignore_errors = true)
    {%- else %}
        read_parquet({{ literal }}, union_by_name = true, filename = true)
    {%- endif -%}
    )
{% endmacro %}
