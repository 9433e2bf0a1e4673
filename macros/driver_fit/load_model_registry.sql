{% macro load_model_registry(path) %}
    {#-
        run-operation of bank_segmentation.driver_fit: the registry it fitted (a Parquet file
        of every version, the new one included) becomes the table source fitted_on_driver
        names. Written beside the stored registry first and renamed over it, so that a load
        that fails leaves the stored registry as it was.
    -#}
    {%- set registry = driver_fit_registry().incorporate(type='table') -%}
    {%- set loading = registry.incorporate(
        path={'identifier': registry.identifier ~ '__loading'}
    ) -%}
    {%- do adapter.drop_relation(loading) -%}
    {%- do run_query(
        'create table ' ~ loading ~ ' as select * from ' ~ parquet_file(path)
    ) -%}
    {%- do adapter.drop_relation(registry) -%}
    {#- run_query commits where adapter.rename_relation leaves a transaction open (DuckDB);
        Spark takes the new name qualified, DuckDB without its schema -#}
    {%- set new_name = registry if target.type == 'spark' else adapter.quote(registry.identifier) -%}
    {%- do run_query('alter table ' ~ loading ~ ' rename to ' ~ new_name) -%}
{% endmacro %}
