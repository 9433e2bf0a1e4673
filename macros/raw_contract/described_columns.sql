{% macro described_columns(describe_sql) %}
    {%- set actual = {} -%}
    {%- for row in run_query(describe_sql).rows -%}
        {%- if row[0] and not row[0].startswith('#') and row[0] | lower not in actual -%}
            {%- do actual.update({row[0] | lower: row[1]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(actual) }}
{% endmacro %}
