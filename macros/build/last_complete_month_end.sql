{% macro last_complete_month_end(last_booking_date) %}
    {#- The default as-of date: the last day of the last month whose bookings reach its end.
        A month counts as reached when its last booking falls within
        var complete_month_tolerance_days of its last day (a weekend or holiday at the month
        end books nothing); otherwise the month before is the last complete one, and the later
        rows wait for the next build (counted in rows_after_as_of_date). -#}
    case
        when
            {{ dbt.dateadd('day', var('complete_month_tolerance_days') | int, last_booking_date) }}
            >= {{ dbt.last_day(last_booking_date, 'month') }}
            then cast({{ dbt.last_day(last_booking_date, 'month') }} as date)
        else cast({{ dbt.dateadd('day', -1, dbt.date_trunc('month', last_booking_date)) }} as date)
    end
{% endmacro %}
