{#-
    One row per raw file read (a table delivered as a folder has one per file): its rows, the
    contract columns it lacks (null in its rows) and the columns it has beyond the
    contract (DuckDB: Spark reads one file per table and does not say). For the contract's
    files once validate_raw_files has made their relations; empty for warehouse tables or
    an adapter.
-#}
{%- set files = [] %}
{%- set reads_files = execute and raw_file_views_exist() %}
{%- if reads_files and target.type == 'duckdb' %}
    {%- for table_name, contract_columns in raw_input_contract().items() %}
        {%- set delivered = raw_table_files(table_name) %}
        {%- for path, read_path in zip(delivered, raw_files_read(table_name)) %}
            {%- set found = described_columns(
                'describe select * from ' ~ raw_file_reader(table_name, [read_path])
            ) %}
            {%- set missing = contract_columns | reject('in', found) | list %}
            {%- set extra = found | reject('in', contract_columns)
                | reject('equalto', 'filename') | list %}
            {%- do files.append(
                (table_name, path, missing | join(', '), extra | join(', '))
            ) %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}
with

listed as (

    {% for table_name, path, missing, extra in files %}
        select
            '{{ table_name }}' as table_name,
            {{ sql_character(path) }} as file_name,
            {{ sql_character(missing) }} as columns_missing,
            {{ sql_character(extra) }} as columns_extra
        union all
    {% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(null as {{ dbt.type_string() }}) as columns_missing,
        cast(null as {{ dbt.type_string() }}) as columns_extra
    where false

),

counted as (

    {% if reads_files %}
        {% for table_name in core_banking_tables() %}
            select
                '{{ table_name }}' as table_name,
                filename as file_name,
                cast(count(*) as bigint) as rows_read
            from {{ source('core_banking', table_name) }}
            group by filename
            union all
        {% endfor %}
    {% endif %}
    select
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(0 as bigint) as rows_read
    where false

),

final as (

    select
        coalesce(listed.table_name, counted.table_name) as table_name,
        coalesce(listed.file_name, counted.file_name) as file_name,
        nullif(listed.columns_missing, '') as columns_missing,
        nullif(listed.columns_extra, '') as columns_extra,
        coalesce(counted.rows_read, 0) as rows_read
    from listed
    full outer join counted
        on
            listed.table_name = counted.table_name
            and listed.file_name = counted.file_name

)

select * from final
