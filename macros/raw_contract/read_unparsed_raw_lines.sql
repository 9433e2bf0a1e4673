{% macro read_unparsed_raw_lines() %}
    {#-
        pre-hook of unparsed_raw_lines: reads every raw CSV file once more with DuckDB's
        rejects tables on, one temporary table raw_rejects_<name> per file (the lines it could
        not parse, why, and their text; raw_reject_scans_<name> names the file).
    -#}
    {%- set statements = [] -%}
    {%- for name, table_name, path, options in raw_csv_files() -%}
        {%- do statements.append(
            "select count(*) from read_csv(" ~ sql_character(path) ~ ", " ~ options
            ~ ", store_rejects = true, rejects_table = 'raw_rejects_" ~ name
            ~ "', rejects_scan = 'raw_reject_scans_" ~ name ~ "')") -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{% endmacro %}
