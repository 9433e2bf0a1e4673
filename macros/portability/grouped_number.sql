{% macro grouped_number(expression, decimals) %}
    {#- `expression` rounded to `decimals` (0, 1 or 2) as text with thousands separators:
        '1,234,567.83', '-5,698'. Rounded as a decimal, half away from zero on every engine. -#}
    {{- return(adapter.dispatch('grouped_number')(expression, decimals)) -}}
{% endmacro %}

{% macro default__grouped_number(expression, decimals) -%}
    {%- if decimals == 0 -%}
        format('{:,}', cast(round(cast({{ expression }} as decimal(38, 6)), 0) as bigint))
    {%- else -%}
        format(
            '{:,.{{ decimals }}f}',
            cast(round(cast({{ expression }} as decimal(38, 6)), {{ decimals }})
                as decimal(38, {{ decimals }}))
        )
    {%- endif -%}
{%- endmacro %}

{% macro spark__grouped_number(expression, decimals) -%}
    format_number(
        cast(round(cast({{ expression }} as decimal(38, 6)), {{ decimals }})
            as decimal(38, {{ decimals }})),
        {{ decimals }}
    )
{%- endmacro %}
