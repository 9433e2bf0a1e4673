{% macro normalised_code(column) %}
    nullif(lower(trim(cast({{ column }} as {{ dbt.type_string() }}))), '')
{% endmacro %}
