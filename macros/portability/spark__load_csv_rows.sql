{% macro spark__load_csv_rows(model, agate_table) %}
    {#-
        dbt-spark's seed loader, with each value written into the insert as an escaped
        literal (macro spark_seed_literal) instead of bound: dbt-spark's session method pastes
        bindings into the SQL unescaped, so a cell with an apostrophe broke the seed and an
        empty cell became the text 'None'. The same on every Spark method.
    -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    cast({{ spark_seed_literal(row[loop.index0]) }}
                        as {{ column_override.get(col_name, inferred_type) }})
                    {%- if not loop.last %},{% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor -%}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{% macro spark_seed_literal(value) %}
    {#- A seed cell as a Spark SQL literal: null, true/false, a number, or a quoted string
        with its backslashes and apostrophes escaped. -#}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{% endmacro %}
