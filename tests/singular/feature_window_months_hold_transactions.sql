{{ config(severity='warn') }}
{#-
    A month of the feature window without a transaction while the window's other months hold
    100 or more on average is most likely a month file that was not delivered: its customers'
    per-month features would be understated. The build's log names the month (the first of
    a run of such months): one that follows a month with bookings, up to the as-of month.
-#}
{%- set query -%}
    with

    feature_window as (

        select
            window_start_date,
            as_of_month_start_date
        from {{ ref('feature_window') }}

    ),

    booked as (

        select
            counted.booked_month_start_date,
            counted.raw_rows
        from {{ ref('int_transaction_months_counted') }} as counted
        cross join feature_window
        where
            counted.raw_rows > 0
            and counted.booked_month_start_date
            between feature_window.window_start_date and feature_window.as_of_month_start_date

    ),

    typical as (

        select avg(raw_rows) as average_rows from booked

    ),

    next_months as (

        select
            cast(
                {{ dbt.dateadd('month', 1, 'booked_month_start_date') }} as date
            ) as month_start_date
        from booked

    ),

    missing as (

        select next_months.month_start_date
        from next_months
        cross join feature_window
        left join booked
            on next_months.month_start_date = booked.booked_month_start_date
        where
            booked.booked_month_start_date is null
            and next_months.month_start_date <= feature_window.as_of_month_start_date

    )

    select
        {{ dbt.concat([
            "'the feature window''s month '",
            'substring(' ~ dbt.cast('missing.month_start_date', dbt.type_string()) ~ ', 1, 7)',
            "' holds no transaction while its other months hold '",
            dbt.cast('cast(typical.average_rows as bigint)', dbt.type_string()),
            "' on average: was a transactions file for that month delivered?'",
        ]) }} as failure_message,
        missing.month_start_date
    from missing
    cross join typical
    where typical.average_rows >= 100
{%- endset -%}
{%- do log_failure_messages(
    query, [ref('feature_window'), ref('int_transaction_months_counted')]
) -%}

{{ query }}
