{{ config(severity='warn') }}
{#-
    A month of the feature window without a transaction while the window's other months hold
    100 or more on average is most likely a month file that was not delivered: its customers'
    per-month features would be understated. The build's log names the month.
-#}
{%- set query -%}
    with

    window_months as (

        select month_start_date from {{ ref('feature_window_months') }}

    ),

    booked as (

        select
            booked_month_start_date,
            raw_rows
        from {{ ref('int_transaction_months_counted') }}

    ),

    counted as (

        select
            window_months.month_start_date,
            coalesce(booked.raw_rows, 0) as raw_rows
        from window_months
        left join booked
            on window_months.month_start_date = booked.booked_month_start_date

    ),

    typical as (

        select avg(raw_rows) as average_rows
        from counted
        where raw_rows > 0

    )

    select
        {{ dbt.concat([
            "'the feature window''s month '",
            'substring(' ~ dbt.cast('counted.month_start_date', dbt.type_string()) ~ ', 1, 7)',
            "' holds no transaction while its other months hold '",
            dbt.cast('cast(typical.average_rows as bigint)', dbt.type_string()),
            "' on average: was a transactions file for that month delivered?'",
        ]) }} as failure_message,
        counted.month_start_date
    from counted
    cross join typical
    where counted.raw_rows = 0 and typical.average_rows >= 100
{%- endset -%}
{%- do log_failure_messages(query) -%}

{{ query }}
