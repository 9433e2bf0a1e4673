{% macro quarantine_column_names() %}
    {#- The columns quarantine_columns() appends; a staging model keeps all the others. -#}
    {{ return(['rejection_reason', 'record_key', 'raw_record']) }}
{% endmacro %}
