{#-
    One row per segment per feature per as-of date: how the segment differs from all customers.
    index = 100 x segment mean / population mean, for features that cannot be below 0 (an
    index of a balance or a trend means nothing: null there, display_formats.is_signed);
    difference = segment mean - population mean; z_score = difference / population standard
    deviation.
-#}
with

history as (

    select * from {{ ref('segment_history') }}

),

unpivoted as (

    {% for feature in profile_features() %}
        select
            as_of_date,
            segment_id,
            segment_name,
            '{{ feature }}' as feature,
            cast({{ feature }} as double) as feature_value
        from history
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

formats as (

    select * from {{ ref('display_formats') }}

),

signed_features as (

    select source_name as feature
    from formats
    where is_signed

),

population as (

    select
        as_of_date,
        feature,
        avg(cast(feature_value as double)) as population_mean,
        stddev_pop(feature_value) as population_stddev
    from unpivoted
    group by as_of_date, feature

),

segments as (

    select
        as_of_date,
        segment_id,
        segment_name,
        feature,
        count(*) as customers,
        avg(cast(feature_value as double)) as segment_mean,
        {{ median('feature_value') }} as segment_median
    from unpivoted
    group by as_of_date, segment_id, segment_name, feature

),

compared as (

    select
        segments.segment_name,
        segments.feature,
        cast(segments.segment_id as integer) as segment_id,
        cast(segments.customers as bigint) as customers,
        cast(segments.segment_mean as double) as segment_mean,
        cast(segments.segment_median as double) as segment_median,
        cast(population.population_mean as double) as population_mean,
        cast(
            case
                when signed_features.feature is null
                    then
                        100 * segments.segment_mean
                        / nullif(population.population_mean, 0)
            end as double
        ) as index_vs_population,
        cast(
            segments.segment_mean - population.population_mean as double
        ) as difference_vs_population,
        cast(
            (segments.segment_mean - population.population_mean)
            / nullif(population.population_stddev, 0) as double
        ) as z_score,
        segments.as_of_date
    from segments
    inner join population
        on
            segments.as_of_date = population.as_of_date
            and segments.feature = population.feature
    left join signed_features
        on segments.feature = signed_features.feature

),

-- The texts the report and the dashboard show: the means in the feature's unit, and a
-- profile cell (the index, or for a signed feature the difference, compact).
final as (

    select
        compared.*,
        {{ display_value_text('compared.segment_mean', 'formats') }}
            as segment_mean_text,
        {{ display_value_text('compared.population_mean', 'formats') }}
            as population_mean_text,
        case
            when formats.is_signed
                then {{ display_value_text(
                    'compared.difference_vs_population', 'formats', signed=true, compact=true
                ) }}
            when compared.index_vs_population is null then 'missing'
            else {{ grouped_number('compared.index_vs_population', 0) }}
        end as profile_cell_text
    from compared
    left join formats
        on compared.feature = formats.source_name

)

select * from final
