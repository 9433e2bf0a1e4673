{% macro incremental_by_booking_month() %}
    {#-
        Config of the month-incremental models: each build replaces whole booking months
        (delete+insert on DuckDB; on Spark, Parquet tables have no delete, so the month
        partitions are overwritten).
    -#}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite' if target.type == 'spark' else 'delete+insert',
        'unique_key': none if target.type == 'spark' else 'booked_month_start_date',
        'partition_by': ['booked_month_start_date'] if target.type == 'spark' else none,
        'on_schema_change': 'fail',
    }) }}
{% endmacro %}
