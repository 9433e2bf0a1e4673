{% macro log_failure_messages(query) %}
    {#- A test's failing rows' first column (a message naming what to fix), logged before the
        test's result; nothing before its models exist (dbt build runs a test after them). -#}
    {%- if execute -%}
        {%- for message in run_query(query).columns[0].values() -%}
            {%- do log(message, info=true) -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
