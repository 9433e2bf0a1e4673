{% macro read_unparsed_raw_lines() %}
    {#-
        pre-hook of unparsed_raw_lines: reads every raw CSV file once more with DuckDB's
        rejects tables on, one temporary table raw_rejects_<table> per file (the lines it
        could not parse, why, and their text).
    -#}
    {%- set statements = [] -%}
    {%- for table_name, path, options in raw_csv_files() -%}
        {%- do statements.append(
            "select count(*) from read_csv('" ~ path ~ "', " ~ options
            ~ ", store_rejects = true, rejects_table = 'raw_rejects_" ~ table_name
            ~ "', rejects_scan = 'raw_reject_scans_" ~ table_name ~ "')") -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{% endmacro %}
