{% macro display_value_text(value, formats) %}
    {#-
        `value` as the report shows it, by the display_formats row aliased `formats`: scaled
        (shares as %), rounded to the unit's decimals, then its suffix ("62 %", "5698 EUR");
        'missing' when null. Rounded as a decimal: engines round a double such as 0.825
        (0.82499...) differently.
    -#}
    {%- set scaled = 'cast(' ~ value ~ ' * coalesce(' ~ formats ~ '.scale, 1) as decimal(38, 6))' -%}
    case
        when {{ value }} is null then 'missing'
        else {{ dbt.concat([
            'case coalesce(' ~ formats ~ '.decimals, 2)'
            ~ ' when 0 then cast(cast(round(' ~ scaled ~ ', 0) as decimal(18, 0)) as '
            ~ dbt.type_string() ~ ')'
            ~ ' when 1 then cast(cast(round(' ~ scaled ~ ', 1) as decimal(18, 1)) as '
            ~ dbt.type_string() ~ ')'
            ~ ' else cast(cast(round(' ~ scaled ~ ', 2) as decimal(18, 2)) as '
            ~ dbt.type_string() ~ ') end',
            "coalesce(' ' || " ~ formats ~ ".value_suffix, '')",
        ]) }}
    end
{% endmacro %}
