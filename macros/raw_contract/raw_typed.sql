{#-
    Typing a raw column by the table's reading settings (raw_setting). A column the file
    already types (Parquet, an adapter's model) is cast as it is; a text column is read as the
    bank wrote it: dates and timestamps in their declared formats, else ISO 8601 only (a cast
    would misread '22/12/16' as the year 22); numbers with their decimal and thousands
    separators. A value that does not read is null: is_unreadable() flags it for quarantine.
-#}
{% macro raw_typed(column, kind, table_name) %}
    {#- kind: date, timestamp, decimal (money, decimal(18, 2)) or integer. -#}
    {%- set data_type = {'date': 'date', 'timestamp': 'timestamp', 'decimal': 'decimal(18, 2)',
                         'integer': dbt.type_int()}[kind] -%}
    case
        when {{ is_text_column(column) }}
            then {{ raw_text_as(
                'trim(cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ '))', kind, data_type,
                table_name) }}
        else {{ dbt.safe_cast(column, data_type) }}
    end
{%- endmacro %}

{% macro is_unreadable(column, kind, table_name) %}
    ({{ column }} is not null and ({{ raw_typed(column, kind, table_name) }}) is null)
{%- endmacro %}

{% macro is_text_column(column) %}
    {{ return(adapter.dispatch('is_text_column')(column)) }}
{% endmacro %}

{% macro duckdb__is_text_column(column) %}
    typeof({{ column }}) = 'VARCHAR'
{%- endmacro %}

{% macro spark__is_text_column(column) %}
    typeof({{ column }}) = 'string'
{%- endmacro %}

{% macro iso_date_pattern() %}
    {#- The start of an ISO 8601 date or timestamp: YYYY-MM-DD. -#}
    {{ return("'^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'") }}
{% endmacro %}

{% macro number_text_as(text, data_type, table_name) %}
    {#-
        Number text in the table's separators, cast: with a declared thousands separator the
        groups must be whole ('1.094,52' reads, '1094.52' does not: it would read as 109452),
        then thousands are dropped and the decimal separator becomes '.'.
    -#}
    {%- set thousands = raw_setting(table_name, 'raw_thousands_separator') -%}
    {%- set decimal = raw_setting(table_name, 'raw_decimal_separator') -%}
    {%- if not thousands and decimal == '.' -%}
        {{ return('try_cast(' ~ text ~ ' as ' ~ data_type ~ ')') }}
    {%- endif -%}
    {%- set plain = text -%}
    {%- set digits = '[0-9]+' -%}
    {%- if thousands -%}
        {%- set plain = "replace(" ~ plain ~ ", " ~ sql_character(thousands) ~ ", '')" -%}
        {%- set digits = '([0-9]{1,3}([' ~ thousands ~ '][0-9]{3})+|[0-9]+)' -%}
    {%- endif -%}
    {%- if decimal != '.' -%}
        {%- set plain = "replace(" ~ plain ~ ", " ~ sql_character(decimal) ~ ", '.')" -%}
    {%- endif -%}
    {%- set pattern = '^[-+]?' ~ digits ~ '([' ~ decimal ~ '][0-9]*)?$' -%}
    {{ return('case when ' ~ regex_matches(text, sql_character(pattern))
        ~ ' then try_cast(' ~ plain ~ ' as ' ~ data_type ~ ') end') }}
{% endmacro %}

{% macro sql_character(text) %}
    {#- A text as a SQL string literal. -#}
    {{ return("'" ~ text | replace("'", "''") ~ "'") }}
{% endmacro %}

{% macro regex_matches(text, pattern) %}
    {{ return(adapter.dispatch('regex_matches')(text, pattern)) }}
{% endmacro %}

{% macro duckdb__regex_matches(text, pattern) %}
    {{ return('regexp_matches(' ~ text ~ ', ' ~ pattern ~ ')') }}
{% endmacro %}

{% macro spark__regex_matches(text, pattern) %}
    {{ return('(' ~ text ~ ' rlike ' ~ pattern ~ ')') }}
{% endmacro %}

{% macro raw_text_as(text, kind, data_type, table_name) %}
    {%- set formats = raw_date_formats(table_name, kind) -%}
    {%- if kind in ['decimal', 'integer'] -%}
        {{ number_text_as(text, data_type, table_name) }}
    {%- elif formats -%}
        cast({{ parsed_by_formats(text, formats) }} as {{ data_type }})
    {%- else -%}
        case
            when {{ regex_matches(text, iso_date_pattern()) }}
                then try_cast({{ text }} as {{ data_type }})
        end
    {%- endif -%}
{% endmacro %}

{% macro parsed_by_formats(text, formats) %}
    {{ return(adapter.dispatch('parsed_by_formats')(text, formats)) }}
{% endmacro %}

{% macro duckdb__parsed_by_formats(text, formats) %}
    try_strptime({{ text }}, [
        {%- for date_format in formats -%}
            {{ sql_character(date_format) }}{{ ', ' if not loop.last }}
        {%- endfor -%}
    ])
{%- endmacro %}

{% macro spark__parsed_by_formats(text, formats) %}
    coalesce(
        {%- for date_format in formats -%}
            try_to_timestamp({{ text }}, '{{ java_datetime_pattern(date_format) }}')
            {{- ', ' if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}

{% macro java_datetime_pattern(strptime_format) %}
    {#- A strptime format (%d/%m/%y) as Spark's datetime pattern (dd/MM/yy). -#}
    {%- set codes = {'Y': 'yyyy', 'y': 'yy', 'm': 'MM', 'd': 'dd', 'H': 'HH', 'I': 'hh',
                     'M': 'mm', 'S': 'ss', 'f': 'SSSSSS', 'b': 'MMM', 'B': 'MMMM', 'p': 'a',
                     'z': 'Z', '%': '%'} -%}
    {%- set parts = [] -%}
    {%- set state = namespace(escaped=false) -%}
    {%- for character in strptime_format -%}
        {%- if state.escaped -%}
            {%- if character not in codes -%}
                {{ exceptions.raise_compiler_error(
                    "date format '" ~ strptime_format ~ "': %" ~ character ~ " has no Spark "
                    ~ "equivalent here; use %Y %y %m %d %H %I %M %S %f %b %B %p %z") }}
            {%- endif -%}
            {%- do parts.append(codes[character]) -%}
            {%- set state.escaped = false -%}
        {%- elif character == '%' -%}
            {%- set state.escaped = true -%}
        {%- elif character.isalpha() -%}
            {%- do parts.append("\\'" ~ character ~ "\\'") -%}
        {%- else -%}
            {%- do parts.append(character) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | join('')) }}
{% endmacro %}
