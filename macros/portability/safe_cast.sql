{#-
    dbt's safe_cast falls back to a plain cast on adapters that do not override it (DuckDB,
    Spark): a value that does not parse would stop the build instead of becoming null and
    being quarantined by staging. These dispatch overrides use try_cast.
-#}
{% macro duckdb__safe_cast(field, type) %}
    try_cast({{ field }} as {{ type }})
{% endmacro %}

{% macro spark__safe_cast(field, type) %}
    try_cast({{ field }} as {{ type }})
{% endmacro %}
