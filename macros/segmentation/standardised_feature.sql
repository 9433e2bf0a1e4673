{% macro standardised_feature(value, parameters) %}
    {#-
        A feature value in the model's scaled units, as the fit (preprocess.py) computes it:
        impute, signed log when the feature is log-transformed, clip, standardise.
        `parameters` prefixes the columns <prefix>__imputation_value, __is_log_transformed,
        __clip_low, __clip_high, __center and __scale.
    -#}
    {%- set imputed = 'coalesce(cast(' ~ value ~ ' as double), '
        ~ parameters ~ '__imputation_value)' -%}
    (
        least(
            greatest(
                case
                    when {{ parameters }}__is_log_transformed
                        then sign({{ imputed }}) * ln(1 + abs({{ imputed }}))
                    else {{ imputed }}
                end,
                {{ parameters }}__clip_low
            ),
            {{ parameters }}__clip_high
        )
        - {{ parameters }}__center
    ) / {{ parameters }}__scale
{% endmacro %}
