{% macro star_except(columns) %}
    {#-
        Every column of the from clause but the named ones, written where the engine wants it
        (DuckDB `* exclude (...)`, Spark `* except (...)`): a base model's columns are listed
        once, in the base model.
    -#}
    {{ return(adapter.dispatch('star_except')(columns)) }}
{% endmacro %}

{% macro default__star_except(columns) %}
    * exclude ({{ columns | join(', ') }})
{% endmacro %}

{% macro spark__star_except(columns) %}
    * except ({{ columns | join(', ') }})
{% endmacro %}
