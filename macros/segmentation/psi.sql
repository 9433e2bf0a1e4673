{% macro psi_share(share) %}
    {#- A bin's share of customers as the population stability index counts it: 0 when the bin
        is empty, floored at 0.0001 so the logarithm stays finite. -#}
    greatest(coalesce({{ share }}, 0), 0.0001)
{% endmacro %}

{% macro population_stability_index(share_now, share_then) %}
    {#- The population stability index, an aggregate over a feature's bins of shares taken
        with psi_share: sum of (share now - share then) x ln(share now / share then). -#}
    sum(({{ share_now }} - {{ share_then }}) * ln({{ share_now }} / {{ share_then }}))
{% endmacro %}
