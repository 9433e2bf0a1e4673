{% macro reading_setting_of_rule(rejection_reason) %}
    {#- The reading setting a rejection rule points at (a value that does not read may be read
        with the wrong setting), or null. -#}
    case
        when
            {{ rejection_reason }} like '% is not a number'
            or {{ rejection_reason }} like '% is not an integer'
            then 'raw_decimal_separator, raw_thousands_separator'
        when {{ rejection_reason }} like '% is not a timestamp'
            then 'raw_timestamp_format'
        when
            {{ rejection_reason }} like '% is not a date'
            or {{ rejection_reason }} like '% is implausible%'
            then 'raw_date_format'
        when {{ rejection_reason }} like '% (or mapped in raw_code_mappings)'
            then 'raw_code_mappings'
        when {{ rejection_reason }} like 'line does not parse%'
            then 'raw_csv_delimiter, raw_csv_encoding'
    end
{%- endmacro %}
