{% macro numeric_columns(relation, exclude=[]) %}
    {#-
        Names of the numeric columns of an existing relation (run time), minus `exclude`;
        an empty list when the relation does not exist yet (parse, lint, a fresh warehouse).
    -#}
    {%- if not execute or load_relation(relation) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {#- dbt's Column type checks miss Spark's int and tinyint; the name list covers them. -#}
        {%- if column.is_numeric() or column.is_float() or column.is_integer()
            or (column.dtype | lower) in ['tinyint', 'smallint', 'int', 'bigint', 'long'] -%}
            {%- if column.name | lower not in exclude -%}
                {%- do names.append(column.name | lower) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
