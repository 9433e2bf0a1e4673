{% macro ratio(numerator, denominator) %}
    {#-
        numerator / denominator in double precision, null when the denominator is 0 or null.
        The casts make engines agree: Spark divides decimals and integers in decimal arithmetic
        (rounded to 6 digits of scale), DuckDB in double.
    -#}
    cast({{ numerator }} as double) / nullif(cast({{ denominator }} as double), 0)
{% endmacro %}
