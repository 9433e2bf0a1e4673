{% macro export_for_driver_fit(names, folder) %}
    {#-
        run-operation of bank_segmentation.driver_fit: each named model as Parquet at
        <folder>/<name>.parquet (a file on DuckDB, a folder of part files on Spark), written
        by the engine, for the fit in the process that runs dbt. segmentation_model is the
        registry earlier driver fits wrote, skipped before the first.
    -#}
    {%- for name in names -%}
        {%- if name == 'segmentation_model' -%}
            {%- set relation = adapter.get_relation(
                database=target.database, schema=target.schema, identifier=name
            ) -%}
        {%- else -%}
            {%- set relation = ref(name) -%}
        {%- endif -%}
        {%- if relation is not none -%}
            {%- do run_query(write_parquet(
                'select * from ' ~ relation, folder ~ '/' ~ name ~ '.parquet'
            )) -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
