{% macro load_model_registry(path) %}
    {#-
        run-operation of bank_segmentation.driver_fit: the registry it fitted (a Parquet file
        of every version, the new one included) becomes the table segmentation_model in this
        target's schema, which source fitted_on_driver names.
    -#}
    {%- set registry = api.Relation.create(
        database=target.database, schema=target.schema, identifier='segmentation_model',
        type='table'
    ) -%}
    {%- do adapter.drop_relation(registry) -%}
    {%- do run_query(
        'create table ' ~ registry ~ ' as select * from ' ~ parquet_file(path)
    ) -%}
{% endmacro %}
