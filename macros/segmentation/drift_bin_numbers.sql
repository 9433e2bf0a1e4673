{% macro drift_bin_numbers() %}
    {#- The drift bins, 0 (missing) to 10, one row each (bin_number): the bins a PSI sums over,
        empty ones included. -#}
    {%- for bin_number in range(0, 11) %}
        select {{ bin_number }} as bin_number
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
{% endmacro %}
