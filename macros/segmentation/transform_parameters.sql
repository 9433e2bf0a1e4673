{% macro transform_parameters(registry_row) %}
    {#- The transform a registry row stores, named as standardised_feature(value, 'transform')
        reads it: transform__imputation_value, ... -#}
    {%- set parameters = [
        'imputation_value', 'is_log_transformed', 'clip_low', 'clip_high', 'center', 'scale'
    ] -%}
    {%- for parameter in parameters %}
        {{ registry_row }}.{{ parameter }} as transform__{{ parameter }}
        {{- ',' if not loop.last }}
    {%- endfor %}
{% endmacro %}
