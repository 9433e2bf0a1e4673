{#-
    One row per feature or segment name: the label, unit and number format the report, the
    dashboard and the reasons text show it with (seeds feature_catalogue, segment_labels and
    display_units, currency from var currency). A blank seed cell is null here on every engine.
-#}
with

features as (

    select * from {{ ref('feature_catalogue') }}

),

segments as (

    select * from {{ ref('segment_labels') }}

),

units as (

    select * from {{ ref('display_units') }}

),

labels as (

    select
        feature as source_name,
        'feature' as kind,
        label,
        {{ seed_text('unit') }} as unit,
        cast(is_signed as boolean) as is_signed
    from features
    union all
    select
        segment_name as source_name,
        'segment' as kind,
        label,
        cast(null as {{ dbt.type_string() }}) as unit,
        false as is_signed
    from segments

),

resolved as (

    select
        labels.source_name,
        labels.kind,
        labels.label,
        labels.unit,
        labels.is_signed,
        cast(coalesce(units.scale, 1) as double) as scale,
        cast(coalesce(units.decimals, 0) as integer) as decimals,
        {{ seed_text(with_currency('units.value_suffix')) }} as value_suffix,
        {{ seed_text(with_currency('units.axis_suffix')) }} as axis_suffix
    from labels
    left join units
        on labels.unit = units.unit

),

final as (

    select
        *,
        case
            when axis_suffix is null then label
            else {{ dbt.concat(['label', "' ('", 'axis_suffix', "')'"]) }}
        end as label_with_unit
    from resolved

)

select * from final
