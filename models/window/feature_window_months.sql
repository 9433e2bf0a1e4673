{#-
    One row per month of the feature window (feature_window): its first day and its
    last, the as-of month ending on the as-of date.
-#}
with

feature_window as (

    select * from {{ ref('feature_window') }}

),

month_offsets as (

    select cast(generated_number - 1 as {{ dbt.type_int() }}) as month_offset
    from ({{ dbt.generate_series(var('lookback_months') | int) }}) as series

),

months as (

    select
        feature_window.as_of_date,
        cast(
            {{ dbt.dateadd(
                'month', 'month_offsets.month_offset', 'feature_window.window_start_date'
            ) }} as date
        ) as month_start_date
    from feature_window
    inner join month_offsets
        on feature_window.window_months > month_offsets.month_offset

),

final as (

    select
        month_start_date,
        cast(
            least({{ dbt.last_day('month_start_date', 'month') }}, as_of_date) as date
        ) as month_end_date
    from months

)

select * from final
