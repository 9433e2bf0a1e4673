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

{% macro drift_features() %}
    {#- The clustering features drift is watched on: those segment_history keeps per date. -#}
    {{ return(scoring_features() | select('in', profile_features()) | list) }}
{% endmacro %}

{% macro psi_status(psi) %}
    {#- A PSI in words: stable, watch (above var psi_watch_threshold) or shifted (above
        var psi_retrain_threshold: retrain). -#}
    case
        when {{ psi }} > {{ var('psi_retrain_threshold') }} then 'shifted'
        when {{ psi }} > {{ var('psi_watch_threshold') }} then 'watch'
        when {{ psi }} is not null then 'stable'
    end
{% endmacro %}
