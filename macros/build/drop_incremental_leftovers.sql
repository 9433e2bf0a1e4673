{% macro drop_incremental_leftovers() %}
    {#-
        post-hook of incremental Python models on DuckDB. dbt-duckdb 1.11 writes the new rows of
        an incremental Python model to <model>__dbt_tmp<timestamp> with `create table`
        (py_write_table ignores `temporary`) and, believing the table temporary, never drops
        it: every build would leave one more table for BI tools to list. Drops them once the
        rows are merged.
    -#}
    {%- if execute and target.type == 'duckdb' -%}
        {%- set leftovers -%}
            select table_name
            from information_schema.tables
            where
                table_catalog = '{{ this.database }}'
                and table_schema = '{{ this.schema }}'
                and table_name like '{{ this.identifier }}\_\_dbt\_tmp%' escape '\'
        {%- endset -%}
        {%- for table_name in run_query(leftovers).columns[0].values() -%}
            {%- do run_query('drop table ' ~ this.incorporate(path={'identifier': table_name})) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
