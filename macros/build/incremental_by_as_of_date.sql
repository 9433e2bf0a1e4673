{% macro incremental_by_as_of_date(on_schema_change='fail') %}
    {#-
        Config of the models that keep one slice per as-of date across builds: building a date
        replaces all of its rows, never duplicates (delete+insert on as_of_date; on Spark,
        Parquet tables have no delete, so the as_of_date partition is overwritten). Whether
        --full-refresh keeps them is said in each model's YAML (full_refresh: false). A model
        that gains columns as the project grows (segment_history, when a feature becomes
        profiled) passes on_schema_change='append_new_columns': earlier dates hold nulls there.
    -#}
    {{ return({
        'materialized': 'incremental',
        'unique_key': 'as_of_date',
        'incremental_strategy': 'insert_overwrite' if target.type == 'spark' else 'delete+insert',
        'partition_by': ['as_of_date'] if target.type == 'spark' else none,
        'on_schema_change': on_schema_change,
    }) }}
{% endmacro %}
