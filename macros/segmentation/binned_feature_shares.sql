{% macro binned_feature_shares(observed, version_bins, features) %}
    {#-
        The share of customers in each drift bin: one row per as_of_date, model_version,
        feature and non-empty bin_number of the customers in `observed` (a relation or CTE with
        as_of_date and the `features` columns), each feature binned with the bins of every
        version in `version_bins` (rows of segment_drift_bins) that has it (macro drift_bin).
        The one place drift shares are counted: the shares kept per date
        (feature_bin_shares) and those the autopilot weighs
        (stored_model_feature_shares) both come from here.
    -#}
    select
        as_of_date,
        model_version,
        feature,
        bin_number,
        {{ ratio(
            'count(*)', 'sum(count(*)) over (partition by as_of_date, model_version, feature)'
        ) }} as customer_share
    from (
        {%- for feature in features %}
            select
                observed.as_of_date,
                version_bins.model_version,
                version_bins.feature,
                {{ drift_bin('observed.' ~ feature, 'version_bins') }} as bin_number
            from {{ observed }} as observed
            inner join {{ version_bins }} as version_bins
                on version_bins.feature = '{{ feature }}'
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- else %}
            select
                observed.as_of_date,
                cast(null as {{ dbt.type_string() }}) as model_version,
                cast(null as {{ dbt.type_string() }}) as feature,
                0 as bin_number
            from {{ observed }} as observed
            where 1 = 0
        {%- endfor %}
    ) as binned
    group by as_of_date, model_version, feature, bin_number
{% endmacro %}
