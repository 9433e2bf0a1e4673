{#-
    Every row of seed feature_catalogue says what the project needs of a feature: one failing
    row per broken rule, and the build's log names the feature and the column to fix. One test
    for the whole seed, where a test per column would cost a node each.
-#}
{%- set families = ['profile', 'rfm', 'activity', 'balances', 'credit', 'products'] -%}
{%- set query -%}
    with

    catalogue as (

        select * from {{ ref('feature_catalogue') }}

    ),

    units as (

        select * from {{ ref('display_units') }}

    ),

    problems as (

        select
            feature,
            'feature is declared '
            || cast(count(*) as {{ dbt.type_string() }}) || ' times' as problem
        from catalogue
        group by feature
        having count(*) > 1 or feature is null

        union all

        select
            feature,
            'family must be one of {{ families | join(", ") }}' as problem
        from catalogue
        where family is null or family not in ('{{ families | join("', '") }}')

        union all

        select
            feature,
            'data_type must be integer or double' as problem
        from catalogue
        where data_type is null or data_type not in ('integer', 'double')

        union all

        select
            catalogue.feature,
            'unit must be a unit of seed display_units' as problem
        from catalogue
        left join units
            on {{ seed_text('catalogue.unit') }} = units.unit
        where units.unit is null

        union all

        select
            feature,
            'label, name_words and description must be given' as problem
        from catalogue
        where
            {{ seed_text('label') }} is null
            or {{ seed_text('name_words') }} is null
            or {{ seed_text('description') }} is null

        union all

        select
            feature,
            'is_signed, is_profiled and is_clustered_by_default must be true or false'
                as problem
        from catalogue
        where is_signed is null or is_profiled is null or is_clustered_by_default is null

    )

    select
        {{ dbt.concat([
            "'seeds/feature_catalogue.csv: '",
            "coalesce(feature, '(no name)')",
            "': '",
            'problem',
        ]) }} as failure_message,
        feature,
        problem
    from problems
{%- endset -%}
{%- do log_failure_messages(
    query, [ref('feature_catalogue'), ref('display_units')]
) -%}

{{ query }}
