{% macro no_campaign_action() %}
    {#- The campaign_playbook action that says a segment gets no campaign (its description says
        why); campaign_targets lists no customer for it. -#}
    'no_campaign'
{% endmacro %}
