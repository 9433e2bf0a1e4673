{#-
    One row per scored customer: why the customer is in its segment rather than the runner-up.
    In the model's scaled space a customer's squared distance to the runner-up minus that to
    its own centroid is a sum over features; a feature's term is its contribution (> 0: the
    feature puts the customer in its segment). The three largest positive contributions are
    the reasons, each with the customer's value, the segment's (centroid) and all customers'
    (median at training) in the feature's own units, and one sentence built from them.
    Computed in SQL from whichever scorer the marts read, so every engine gives the same.
-#}
{%- set features = scoring_features() -%}
{%- set reasons = [1, 2, 3] -%}
{%- set reason_columns = [
    'feature', 'contribution', 'customer_value', 'segment_value', 'population_value'
] -%}
with

assignments as (

    select
        customer_id,
        model_version,
        segment_id,
        runner_up_segment_id,
        margin
    from {{ ref('customer_segment_assignments') }}

),

customer_features as (

    select * from {{ ref('int_customer_features') }}

),

stored_models as (

    select * from {{ segmentation_model_registry() }}

),

feature_values as (

    {%- for feature in features %}
        select
            customer_id,
            '{{ feature }}' as feature,
            cast({{ feature }} as double) as customer_value
        from customer_features
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

-- Each feature's transform (transform_parameters) per model version.
transforms as (

    select distinct
        stored_models.model_version,
        stored_models.feature,
        stored_models.feature_position,
        {{ transform_parameters('stored_models') }}
    from stored_models

),

scaled as (

    select
        assignments.customer_id,
        assignments.model_version,
        assignments.segment_id,
        assignments.runner_up_segment_id,
        transforms.feature,
        transforms.feature_position,
        feature_values.customer_value,
        transforms.transform__imputation_value as population_value,
        {{ standardised_feature(
            'feature_values.customer_value', 'transforms.transform'
        ) }} as scaled_value
    from assignments
    inner join transforms
        on assignments.model_version = transforms.model_version
    inner join feature_values
        on
            assignments.customer_id = feature_values.customer_id
            and transforms.feature = feature_values.feature

),

contributions as (

    select
        scaled.customer_id,
        scaled.feature,
        scaled.feature_position,
        scaled.customer_value,
        own.centroid_original as segment_value,
        scaled.population_value,
        power(scaled.scaled_value - runner_up.centroid_scaled, 2)
        - power(scaled.scaled_value - own.centroid_scaled, 2) as contribution
    from scaled
    inner join stored_models as own
        on
            scaled.model_version = own.model_version
            and scaled.segment_id = own.segment_id
            and scaled.feature = own.feature
    inner join stored_models as runner_up
        on
            scaled.model_version = runner_up.model_version
            and scaled.runner_up_segment_id = runner_up.segment_id
            and scaled.feature = runner_up.feature

),

ranked as (

    select
        *,
        row_number() over (
            partition by customer_id
            order by contribution desc, feature_position asc
        ) as reason_rank
    from contributions
    where contribution > 0

),

display_formats as (

    select * from {{ ref('display_formats') }}

),

-- Each reason in words, "ATM and branch use 62 % (segment 55 %, all customers 8 %)":
-- the feature's label and format from display_formats (else its name, two decimals).
phrased as (

    select
        ranked.*,
        {{ dbt.concat([
            "coalesce(display_formats.label, replace(ranked.feature, '_', ' '))",
            "' '", display_value_text('ranked.customer_value', 'display_formats'),
            "' (segment '", display_value_text('ranked.segment_value', 'display_formats'),
            "', all customers '",
            display_value_text('ranked.population_value', 'display_formats'),
            "')'",
        ]) }} as phrase
    from ranked
    left join display_formats
        on ranked.feature = display_formats.source_name
    where ranked.reason_rank <= {{ reasons | length }}

),

top_reasons as (

    select
        {%- for reason in reasons %}
            {%- for column in reason_columns + ['phrase'] %}
                max(case when reason_rank = {{ reason }} then {{ column }} end)
                    as reason_{{ reason }}_{{ column }},
            {%- endfor %}
        {%- endfor %}
        customer_id
    from phrased
    group by customer_id

),

segment_names as (

    select distinct
        model_version,
        segment_id,
        segment_name
    from stored_models

),

-- The margin the version was fitted with (setting borderline_margin).
version_settings as (

    select distinct
        model_version,
        borderline_margin
    from stored_models

),

explained as (

    select
        assignments.customer_id,
        runner_up_names.segment_name as runner_up_segment_name,
        case
            when assignments.margin < version_settings.borderline_margin
                then 'borderline'
            else 'clear'
        end as assignment_confidence,
        {%- for reason in reasons %}
            {%- for column in reason_columns %}
                top_reasons.reason_{{ reason }}_{{ column }},
            {%- endfor %}
        {%- endfor %}
        concat_ws(
            '; ',
            {%- for reason in reasons %}
                top_reasons.reason_{{ reason }}_phrase{{ ',' if not loop.last }}
            {%- endfor %}
        ) as reason_text
    from assignments
    inner join version_settings
        on assignments.model_version = version_settings.model_version
    left join top_reasons
        on assignments.customer_id = top_reasons.customer_id
    left join segment_names as runner_up_names
        on
            assignments.model_version = runner_up_names.model_version
            and assignments.runner_up_segment_id = runner_up_names.segment_id

)

select * from explained
