{% macro previous_build_relation(identifier) %}
    {#-
        The table `identifier` as earlier builds left it, or none before it exists (and while
        parsing). For a model built before that table in the DAG, which cannot ref it (the
        ref would be a cycle): segmentation_decision reads the model registry, the drift bins
        and the segment history of earlier as-of dates this way, as an incremental model reads
        {{ this }}.
    -#}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(
        database=this.database, schema=this.schema, identifier=identifier
    )) }}
{% endmacro %}
