{% test no_row_where(model, condition, message) %}
    {#-
        The rows of model where condition holds. Before the result, the build's log gives
        each as message (a SQL text expression over the model's columns), so that the WARN or
        ERROR names what to fix, not only how many rows failed.
    -#}
    {%- set query -%}
        select {{ message }} as failure_message, * from {{ model }} where {{ condition }}
    {%- endset -%}
    {%- do log_failure_messages(query, [model]) -%}

{{ query }}

{% endtest %}
