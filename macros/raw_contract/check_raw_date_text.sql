{% macro check_raw_date_text(table_name, column_name, kind) %}
    {#-
        A text date column with no declared format is read as ISO 8601 only. When more of its
        values than max_rejected_share_warn look like dates in another layout (digits, not
        YYYY-MM-DD), stop: name the table, the column, three values, the var to set and, from
        the values, the day/month order (or that they cannot decide it). Below that share,
        such values are quarantined as not a date and counted.
    -#}
    {%- if target.type != 'duckdb' -%}
        {{ return('') }}
    {%- endif -%}
    {%- if raw_date_formats(table_name, kind) -%}
        {{ return(check_declared_date_format(table_name, column_name, kind)) }}
    {%- endif -%}
    {%- set raw_values = '(select trim(' ~ column_name ~ ') as value from '
        ~ source('core_banking', table_name) ~ ' where trim(' ~ column_name ~ ") != '')" -%}
    {%- set other_layout -%}
        not {{ regex_matches('value', iso_date_pattern()) }}
        and {{ regex_matches('value', "'[0-9]'") }}
    {%- endset -%}
    {%- set counted = run_query("select count(*) filter (where " ~ other_layout
        ~ "), count(*) from " ~ raw_values ~ " as raw_values").rows[0] -%}
    {%- if counted[0] == 0 or counted[0] <= counted[1] * var('max_rejected_share_warn') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set samples = run_query("select distinct value from " ~ raw_values
        ~ " as raw_values where " ~ other_layout ~ " limit 3").columns[0].values() -%}
    {%- set layout = run_query(
        "select max(try_cast(regexp_extract(value, '^([0-9]{1,2})[^0-9]', 1) as integer)),"
        ~ " max(try_cast(regexp_extract(value, '^[0-9]{1,2}[^0-9]([0-9]{1,2})[^0-9]', 1)"
        ~ " as integer)), max(length(regexp_extract(value,"
        ~ " '^[0-9]{1,2}[^0-9][0-9]{1,2}[^0-9]([0-9]+)', 1))),"
        ~ " min(regexp_extract(value, '^[0-9]{1,2}([^0-9])[0-9]', 1))"
        ~ " from " ~ raw_values ~ " as raw_values where " ~ other_layout).rows[0] -%}
    {%- set first, second, year_digits, separator = layout -%}
    {%- set setting = 'raw_timestamp_format' if kind == 'timestamp' else 'raw_date_format' -%}
    {%- set year = '%Y' if year_digits == 4 else '%y' -%}
    {%- set day_first = ['%d', '%m', year] | join(separator) -%}
    {%- set month_first = ['%m', '%d', year] | join(separator) -%}
    {%- if first is none or second is none or not separator -%}
        {%- set order = "Give the format the values are written in." -%}
        {%- set example = '%d.%m.%Y' -%}
    {%- elif first > 12 and second <= 12 -%}
        {%- set order = "The values put the day first (a first part above 12): '"
            ~ day_first ~ "'." -%}
        {%- set example = day_first -%}
    {%- elif second > 12 and first <= 12 -%}
        {%- set order = "The values put the month first (a second part above 12): '"
            ~ month_first ~ "'." -%}
        {%- set example = month_first -%}
    {%- else -%}
        {%- set order = "The values cannot decide the order: day/month or month/day is "
            ~ "ambiguous (no part is above 12); declare '" ~ day_first ~ "' or '"
            ~ month_first ~ "', whichever the bank writes." -%}
        {%- set example = day_first -%}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' holds dates that are "
        ~ "not ISO 8601 (YYYY-MM-DD), e.g. '" ~ samples | join("', '") ~ "' (" ~ counted[0]
        ~ " of " ~ counted[1] ~ " values). Rule: a date in another layout is read only with "
        ~ "its format declared, never guessed: set var " ~ setting ~ " (a strptime format"
        ~ ("; add the time part, e.g. ' %H:%M:%S', if the values have one" if kind ==
            'timestamp' else "") ~ "), project-wide or for this table, e.g. --vars "
        ~ "'{raw_table_settings: {" ~ table_name ~ ": {" ~ setting
        ~ ": \"" ~ example ~ "\"}}}'. " ~ order) }}
{% endmacro %}

{% macro check_declared_date_format(table_name, column_name, kind) %}
    {#-
        A text date column with a declared format: when more of a sample of its values (the
        first 10,000 not empty) than max_rejected_share_warn do not read in it, the format is
        not the bank's: stop, naming the table, the column, three values and the setting used
        (a timestamp without raw_timestamp_format is read with raw_date_format). Below that
        share, such values are quarantined as not a date and counted.
    -#}
    {%- set formats = raw_date_formats(table_name, kind) -%}
    {%- set sample = '(select trim(' ~ column_name ~ ') as value from '
        ~ source('core_banking', table_name) ~ ' where trim(' ~ column_name
        ~ ") != '' limit 10000)" -%}
    {%- set unread = 'try_cast(' ~ parsed_by_formats('value', formats) ~ ' as timestamp) is null' -%}
    {%- set counted = run_query("select count(*) filter (where " ~ unread ~ "), count(*) from "
        ~ sample ~ " as sample").rows[0] -%}
    {%- if counted[0] == 0 or counted[0] <= counted[1] * var('max_rejected_share_warn') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set samples = run_query("select distinct value from " ~ sample ~ " as sample where "
        ~ unread ~ " order by value limit 3").columns[0].values() -%}
    {%- set timestamp_declared = kind == 'timestamp'
        and raw_setting(table_name, 'raw_timestamp_format') -%}
    {%- set setting = 'raw_timestamp_format' if kind == 'timestamp' else 'raw_date_format' -%}
    {%- set used = ('raw_timestamp_format' if timestamp_declared else 'raw_date_format')
        ~ " '" ~ formats | join("' or '") ~ "'" -%}
    {{ exceptions.raise_compiler_error(
        "raw table '" ~ table_name ~ "': column '" ~ column_name ~ "' holds values that do "
        ~ "not read with " ~ used ~ ", e.g. '" ~ samples | join("', '") ~ "' (" ~ counted[0]
        ~ " of the first " ~ counted[1] ~ " values)"
        ~ (" - raw_timestamp_format is not set, so raw_date_format is used for timestamps"
           if kind == 'timestamp' and not timestamp_declared else "")
        ~ ". Rule: dates and timestamps are read only in their declared format: set var "
        ~ setting ~ " to the format the bank writes (a strptime format; a list of formats "
        ~ "when it writes several), project-wide or for this table, e.g. raw_table_settings: {"
        ~ table_name ~ ": {" ~ setting ~ ": '...'}}.") }}
{% endmacro %}
