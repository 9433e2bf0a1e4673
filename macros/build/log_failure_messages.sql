{% macro log_failure_messages(query, relations) %}
    {#- A test's failing rows' first column (a message naming what to fix), logged before the
        test's result; only once the relations it reads exist (not when dbt compile or make
        lint renders it before a build). -#}
    {%- if execute -%}
        {%- for relation in relations if load_relation(relation) is none -%}
            {{ return('') }}
        {%- endfor -%}
        {%- for message in run_query(query).columns[0].values() -%}
            {%- do log(message, info=true) -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
