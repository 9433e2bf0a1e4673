{% macro drift_features() %}
    {#- The clustering features drift is watched on: those segment_history keeps per date. -#}
    {{ return(scoring_features() | select('in', profile_features()) | list) }}
{% endmacro %}
