{{ config(pre_hook="{{ read_unparsed_raw_lines() }}") }}

{#-
    One row per line of a raw CSV file that the CSV reader could not parse (an unterminated
    quote, a cut last line, too many or too few fields, bytes that are not text in the
    declared encoding): the table (or Berka file), the line number, why, and the line as it
    is. The sources skip these lines; quarantined_rows (contract tables) and
    berka_unmapped_rows (Berka files) take them, so every line is counted. Empty for Parquet
    files and on engines without DuckDB's rejects tables.
-#}
{%- set files = raw_csv_files() %}
with

{% for name, table_name, path, options in files %}
    unparsed_{{ name }} as (

        select
            '{{ table_name }}' as source_table,
            {{ delivered_file_name(table_name, 'scans.file_path')
                if table_name in core_banking_tables() else 'scans.file_path' }} as file_name,
            rejects.line as line_number,
            -- a line that lacks several fields is reported once per field: keep one
            min(
                lower(replace(rejects.error_type, '_', ' ')) || ': ' || rejects.error_message
            ) as rejection_reason,
            min(trim(rejects.csv_line, chr(10) || chr(13))) as raw_line
        from raw_rejects_{{ name }} as rejects
        inner join raw_reject_scans_{{ name }} as scans
            on rejects.scan_id = scans.scan_id and rejects.file_id = scans.file_id
        group by scans.file_path, rejects.line

    ),

{% endfor %}
unioned as (

    {% for name, table_name, path, options in files %}
        select * from unparsed_{{ name }}
        union all
    {% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(null as bigint) as line_number,
        cast(null as {{ dbt.type_string() }}) as rejection_reason,
        cast(null as {{ dbt.type_string() }}) as raw_line
    where false

)

select * from unioned
