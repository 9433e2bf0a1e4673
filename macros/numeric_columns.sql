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
        {%- if column.is_numeric() or column.is_float() or column.is_integer() -%}
            {%- if column.name | lower not in exclude -%}
                {%- do names.append(column.name | lower) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
