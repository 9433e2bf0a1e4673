{% macro type_families(data_type) %}
    {#- The families a DuckDB or Spark column type belongs to, for the raw-contract check. -#}
    {%- set upper_type = data_type | upper -%}
    {%- if upper_type.startswith('VARCHAR') or upper_type == 'STRING' -%}
        {{ return(['text']) }}
    {%- elif upper_type in ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT',
                            'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'INT', 'LONG'] -%}
        {{ return(['integer', 'number']) }}
    {%- elif upper_type.startswith('DECIMAL') or upper_type in ['DOUBLE', 'FLOAT', 'REAL'] -%}
        {{ return(['number']) }}
    {%- elif upper_type == 'DATE' -%}
        {{ return(['date']) }}
    {%- elif upper_type.startswith('TIMESTAMP') -%}
        {{ return(['timestamp']) }}
    {%- elif upper_type in ['"NULL"', 'NULL', 'VOID'] -%}
        {{ return(['text', 'integer', 'number', 'date', 'timestamp']) }}
    {%- else -%}
        {{ return([upper_type | lower]) }}
    {%- endif -%}
{% endmacro %}
