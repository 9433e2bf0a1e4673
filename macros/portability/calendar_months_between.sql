{% macro calendar_months_between(first_date, second_date) %}
    {#-
        Month boundaries crossed from first_date to second_date (Jan 31 -> Feb 1 = 1), as
        DuckDB's date_diff('month') counts; dbt.datediff on Spark counts whole 31-day-ish
        months instead, so the features would differ between engines.
    -#}
    (
        (year({{ second_date }}) - year({{ first_date }})) * 12
        + month({{ second_date }}) - month({{ first_date }})
    )
{% endmacro %}
