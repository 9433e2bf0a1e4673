{% macro psi_status(psi) %}
    {#- A PSI in words: stable, watch (above var psi_watch_threshold) or shifted (above
        var psi_retrain_threshold: retrain). -#}
    case
        when {{ psi }} > {{ var('psi_retrain_threshold') }} then 'shifted'
        when {{ psi }} > {{ var('psi_watch_threshold') }} then 'watch'
        when {{ psi }} is not null then 'stable'
    end
{% endmacro %}
