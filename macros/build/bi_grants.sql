{% macro bi_grants() %}
    {#-
        grants for the BI-facing marts: select for the role in env BANKSEG_BI_ROLE on
        warehouses with roles; nothing on DuckDB, which has no GRANT.
    -#}
    {%- set role = env_var('BANKSEG_BI_ROLE', '') -%}
    {%- if role and target.type != 'duckdb' -%}
        {{ return({'select': [role]}) }}
    {%- endif -%}
    {{ return({}) }}
{% endmacro %}
