{% macro feature_catalogue() %}
    {#-
        The customer features of seed feature_catalogue, one dict per row (its columns; the
        flags as booleans), ordered by name. Read at run time, so every list of features in
        SQL derives from the seed; nothing while dbt parses. make lint renders without a
        warehouse (var lint_rendering) and reads the seed's file instead.
    -#}
    {%- set seed = ref('feature_catalogue') -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if var('lint_rendering') -%}
        {%- set source = "read_csv('seeds/feature_catalogue.csv', all_varchar = true)" -%}
    {%- else -%}
        {#- the seed's table itself: under dbt run --empty, ref() reads no rows -#}
        {%- set source = load_relation(seed) -%}
        {%- if source is none -%}
            {{ exceptions.raise_compiler_error(
                'seed feature_catalogue is not in the warehouse: run dbt seed (or dbt build) first'
            ) }}
        {%- endif -%}
    {%- endif -%}
    {%- set found = run_query('select * from ' ~ source ~ ' order by feature') -%}
    {%- set features = [] -%}
    {%- for row in found.rows -%}
        {%- set feature = {} -%}
        {%- for column in found.column_names -%}
            {%- do feature.update({column | lower: row[column]}) -%}
        {%- endfor -%}
        {%- for flag in ['is_profiled', 'is_clustered_by_default', 'is_signed'] -%}
            {%- do feature.update({flag: (feature[flag] | string | lower) == 'true'}) -%}
        {%- endfor -%}
        {%- do features.append(feature) -%}
    {%- endfor -%}
    {{ return(features) }}
{% endmacro %}
