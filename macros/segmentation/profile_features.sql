{% macro profile_features() %}
    {#- The customer features the segment marts carry and profile: is_profiled in seed
        feature_catalogue; var profile_features narrows the list (used by unit tests). -#}
    {{ return(
        var('profile_features')
        or feature_catalogue() | selectattr('is_profiled') | map(attribute='feature') | list
    ) }}
{% endmacro %}
