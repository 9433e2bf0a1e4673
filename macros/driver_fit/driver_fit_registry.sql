{% macro driver_fit_registry() %}
    {#- The registry a driver fit writes and the scorers read: source fitted_on_driver. -#}
    {{ return(source('fitted_on_driver', 'segmentation_model')) }}
{% endmacro %}

{% macro stored_driver_fit_registry() %}
    {#- driver_fit_registry() when an earlier driver fit wrote it, else none. -#}
    {%- set declared = driver_fit_registry() -%}
    {{ return(adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    )) }}
{% endmacro %}
