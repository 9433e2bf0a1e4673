{#- The point in time and the lookback window every feature is computed over. -#}
-- depends_on: {{ ref('base_core_banking__transactions_typed') }}
with

as_of as (

    select {{ as_of_date() }} as as_of_date

),

month_offsets as (

    {{ month_offsets() }}

),

windowed as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd(
                'month',
                1 - var('lookback_months') | int,
                dbt.date_trunc('month', 'as_of_date')
            ) }} as date
        ) as window_start_date,
        {{ var('lookback_months') | int }} as lookback_months
    from as_of

),

with_months as (

    select
        windowed.as_of_date,
        windowed.window_start_date,
        windowed.lookback_months,
        month_offsets.month_offset,
        cast(
            {{ dbt.dateadd(
                'month', 'month_offsets.month_offset', 'windowed.window_start_date'
            ) }} as date
        ) as month_start_date
    from windowed
    cross join month_offsets

),

final as (

    select
        as_of_date,
        window_start_date,
        lookback_months,
        month_offset,
        month_start_date,
        cast(
            least(
                {{ dbt.last_day('month_start_date', 'month') }},
                as_of_date
            ) as date
        ) as month_end_date
    from with_months

)

select * from final
