{% macro export_for_driver_fit(names, folder, registry_as=none) %}
    {#-
        run-operation of bank_segmentation.driver_fit: each named model as Parquet at
        <folder>/<name>.parquet (a file on DuckDB, a folder of part files on Spark), written
        by the engine, for the fit in the process that runs dbt; with registry_as, also the
        registry earlier driver fits wrote (source fitted_on_driver) at
        <folder>/<registry_as>.parquet, skipped before the first.
    -#}
    {%- set relations = {} -%}
    {%- for name in names -%}
        {%- do relations.update({name: ref(name)}) -%}
    {%- endfor -%}
    {%- if registry_as -%}
        {%- do relations.update({registry_as: stored_driver_fit_registry()}) -%}
    {%- endif -%}
    {%- for name, relation in relations.items() if relation is not none -%}
        {%- do run_query(write_parquet(
            'select * from ' ~ relation, folder ~ '/' ~ name ~ '.parquet'
        )) -%}
    {%- endfor -%}
{% endmacro %}
