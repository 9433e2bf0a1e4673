{% macro is_invalid_cast(column, data_type) %}
    ({{ column }} is not null and {{ dbt.safe_cast(column, data_type) }} is null)
{% endmacro %}
