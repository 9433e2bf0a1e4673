{#-
    The raw row for the quarantine: row_as_struct() keeps it as one value next to the typed
    columns (cheap), row_as_json() turns that value into JSON text (costly, so base models
    call it only for rejected rows).
-#}
{% macro row_as_struct(relation_alias) %}
    {{ return(adapter.dispatch('row_as_struct')(relation_alias)) }}
{% endmacro %}

{% macro default__row_as_struct(relation_alias) %}
    struct({{ relation_alias }}.*)
{% endmacro %}

{% macro duckdb__row_as_struct(relation_alias) %}
    {{ relation_alias }}
{% endmacro %}
