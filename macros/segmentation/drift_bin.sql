{% macro drift_bin(value, edges) %}
    {#-
        The drift bin of a feature value under a model version's stored bins
        (segment_drift_bins): 0 for a missing value, else the first of bins 1-9 whose upper edge
        (`edges`.upper_edge_<n>) the value does not exceed, else 10. Training deciles holding
        one value (many zeros) leave the bins after the first empty, the same for every date.
    -#}
    case
        when {{ value }} is null then 0
        {%- for bin_number in range(1, 10) %}
            when {{ value }} <= {{ edges }}.upper_edge_{{ bin_number }} then {{ bin_number }}
        {%- endfor %}
        else 10
    end
{% endmacro %}
