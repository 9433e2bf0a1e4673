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
        {#- type_families() knows DuckDB's and Spark's names (dbt's Column checks miss int). -#}
        {%- if 'number' in type_families(column.dtype) -%}
            {%- if column.name | lower not in exclude -%}
                {%- do names.append(column.name | lower) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
