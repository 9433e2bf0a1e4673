{% macro raw_setting(table_name, setting) %}
    {#-
        A reading setting of one raw table (raw_csv_encoding, raw_csv_delimiter,
        raw_date_format, raw_timestamp_format, raw_decimal_separator, raw_thousands_separator):
        the table's own value in var raw_table_settings, else the project-wide var.
    -#}
    {%- set table_settings = (var('raw_table_settings') or {}).get(table_name) or {} -%}
    {%- if setting in table_settings -%}
        {{ return(table_settings[setting]) }}
    {%- endif -%}
    {{ return(var(setting)) }}
{% endmacro %}

{% macro raw_reading_settings() %}
    {#- The settings raw_setting() reads, each overridable per table. -#}
    {{ return(['raw_csv_encoding', 'raw_csv_delimiter', 'raw_date_format',
               'raw_timestamp_format', 'raw_decimal_separator', 'raw_thousands_separator']) }}
{% endmacro %}

{% macro raw_date_formats(table_name, kind) %}
    {#-
        The declared formats (strptime) of one table's text dates ('date') or timestamps
        ('timestamp'), as a list; empty when none is declared (then only ISO 8601 is read). A
        timestamp column without raw_timestamp_format uses raw_date_format.
    -#}
    {%- set declared = raw_setting(table_name, 'raw_timestamp_format') if kind == 'timestamp'
        else '' -%}
    {%- if not declared -%}
        {%- set declared = raw_setting(table_name, 'raw_date_format') -%}
    {%- endif -%}
    {%- if not declared -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return([declared] if declared is string else declared | list) }}
{% endmacro %}
