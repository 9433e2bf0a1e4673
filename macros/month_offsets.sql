{% macro month_offsets() %}
    {#- A relation of month_offset 0 .. lookback_months - 1 (no generate_series: portable). -#}
    {%- for offset in range(var('lookback_months') | int) %}
    select {{ offset }} as month_offset
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}
