{% macro customer_segment_columns() %}
    {#- The columns of customer_segments that segment_history keeps, in order. -#}
    {{ return(
        ['customer_id', 'model_version', 'segment_name', 'rfm_label', 'age_band', 'region',
         'segment_id', 'runner_up_segment_id', 'distance_to_centroid', 'margin',
         'r_score', 'f_score', 'm_score']
        + profile_features()
        + ['has_credit_card', 'has_recurring_income', 'as_of_date']
    ) }}
{% endmacro %}
