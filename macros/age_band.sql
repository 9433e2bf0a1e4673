{% macro age_band(age_years) %}
    case
        when {{ age_years }} is null then 'unknown'
        when {{ age_years }} < 30 then '18-29'
        when {{ age_years }} < 45 then '30-44'
        when {{ age_years }} < 60 then '45-59'
        when {{ age_years }} < 75 then '60-74'
        else '75+'
    end
{% endmacro %}
