{% macro scoring_features(registry=none) %}
    {#-
        The customer features a stored model version may use (run time): the numeric columns of
        int_customer_features that any version in the registry was fitted on. Before the first
        build (parse, lint) the profile features stand in. registry: the registry relation
        to read (default segmentation_model_registry()).
    -#}
    {%- set candidates = numeric_columns(
        ref('int_customer_features'), exclude=['customer_id', 'as_of_date']
    ) or profile_features() -%}
    {%- set stored = stored_model_features(registry) -%}
    {%- if stored -%}
        {%- set candidates = candidates | select('in', stored) | list -%}
    {%- endif -%}
    {{ return(candidates) }}
{% endmacro %}
