{% macro first_month_to_process() %}
    {#-
        For a month-incremental model: the first booking month this build rebuilds, as a date
        literal, or none when the whole model is built (first build, --full-refresh, unit tests).
        A month is rebuilt from the first one whose batch fingerprint in
        int_transaction_months_counted differs from the one the model stored (a new month,
        late or corrected transactions or balances, another as-of cut), and at the latest from
        var reprocess_months months before the as-of month (the as-of month itself with the
        default 0); every later month up to the as-of month is rebuilt too, since balances
        carry over.
        With var lint_data_dependent_branches (make lint) the incremental branch is rendered
        against a fixed month, whatever the warehouse holds.
    -#}
    {%- if var('lint_data_dependent_branches') -%}
        {{ return("cast('2000-01-01' as date)") }}
    {%- endif -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set batches = ref('int_transaction_months_counted') -%}
    {%- set query -%}
        with

        batches as (
            select booked_month_start_date, batch_fingerprint
            from {{ batches }}
            where processed_through_date is not null
        ),

        stored as (
            select distinct booked_month_start_date, batch_fingerprint from {{ this }}
        ),

        changed as (
            select batches.booked_month_start_date
            from batches
            left join stored
                on batches.booked_month_start_date = stored.booked_month_start_date
            where
                stored.batch_fingerprint is null
                or stored.batch_fingerprint != batches.batch_fingerprint
        ),

        reprocessed as (
            select cast({{ dbt.dateadd(
                'month', -(var('reprocess_months') | int), 'max(booked_month_start_date)'
            ) }} as date) as booked_month_start_date
            from batches
        )

        select min(booked_month_start_date) from (
            select booked_month_start_date from changed
            union all
            select booked_month_start_date from reprocessed
        ) as candidates
    {%- endset -%}
    {%- set first_month = run_query(query).columns[0].values()[0] -%}
    {{ return("cast('" ~ first_month ~ "' as date)" if first_month else none) }}
{% endmacro %}
