{% macro row_hash(expressions) %}
    {#- A 32-bit hash of expressions (comma-separated, or a row as a struct) as a bigint:
        summed over a group's rows it is a checksum of them whatever their order, and equal
        rows do not cancel out (as they would in a xor); 2^31 rows of it fit a bigint sum.
        Each engine hashes its own way: compare such checksums within one engine only. -#}
    {{ return(adapter.dispatch('row_hash')(expressions)) }}
{% endmacro %}

{% macro default__row_hash(expressions) %}
    cast(hash({{ expressions }}) as bigint)
{% endmacro %}

{% macro duckdb__row_hash(expressions) %}
    cast(hash({{ expressions }}) % 4294967296 as bigint)
{% endmacro %}
