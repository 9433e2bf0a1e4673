{#-
    Layer 'staging', one row per raw table: rows in the extract (CSV lines that did not parse
    included), kept by staging, rejected into quarantined_rows, redelivered (copies of a row
    kept and versions a later file superseded: in quarantined_rows too, but no rejection) and,
    for transactions, booked after the as-of date (left for a later build). With the Berka adapter, layer 'adapter',
    one row per Berka file: raw rows, mapped into the contract, left out (berka_unmapped_rows). Staged
    transactions are counted where the features count them (int_customer_months_aggregated),
    so rows_in = rows_kept + rows_rejected + rows_redelivered + rows_after_as_of_date checks
    three separate computations (singular test raw_rows_reconcile_with_staged_and_quarantined).
-#}
with

rejections as (

    select * from {{ ref('data_quality_rejections') }}

),

transaction_months as (

    select * from {{ ref('int_transaction_months_counted') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_aggregated') }}

),

unparsed_lines as (

    select
        source_table as table_name,
        count(*) as unparsed_lines
    from {{ ref('unparsed_raw_lines') }}
    group by source_table

),

{% for table_name in core_banking_tables() if table_name != 'transactions' %}
    counted_{{ table_name }} as (

        select
            '{{ table_name }}' as table_name,
            count(*) + (
                select coalesce(sum(unparsed_lines.unparsed_lines), 0)
                from unparsed_lines
                where unparsed_lines.table_name = '{{ table_name }}'
            ) as rows_in,
            sum(case when rejection_reason is null then 1 else 0 end) as rows_kept,
            0 as rows_after_as_of_date
        from {{ base_model(table_name) }}

    ),

{% endfor %}
counted_transactions as (

    select
        'transactions' as table_name,
        (
            select sum(raw_rows + raw_rows_after_as_of_date) from transaction_months
        ) as rows_in,
        (
            select sum(customer_months.transaction_count)
            from customer_months
            inner join transaction_months
                on
                    customer_months.booked_month_start_date
                    = transaction_months.booked_month_start_date
                    and customer_months.batch_fingerprint
                    = transaction_months.batch_fingerprint
        ) as rows_kept,
        (select sum(raw_rows_after_as_of_date) from transaction_months)
            as rows_after_as_of_date

),

rejected as (

    select
        table_name,
        sum(case when is_redelivery then 0 else rows_rejected end)
            as rows_rejected,
        sum(case when is_redelivery then rows_rejected else 0 end)
            as rows_redelivered
    from rejections
    group by table_name

),

unioned as (

    {% for table_name in core_banking_tables() %}
        select * from counted_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

staging_counts as (

    select
        unioned.table_name,
        unioned.rows_in,
        unioned.rows_kept,
        unioned.rows_after_as_of_date,
        'staging' as layer,
        coalesce(rejected.rows_rejected, 0) as rows_rejected,
        coalesce(rejected.rows_redelivered, 0) as rows_redelivered
    from unioned
    left join rejected
        on unioned.table_name = rejected.table_name

),

all_layers as (

    {% if berka_enabled() -%}
        select
            raw_rows as rows_in,
            mapped_rows as rows_kept,
            0 as rows_after_as_of_date,
            unmapped_rows as rows_rejected,
            0 as rows_redelivered,
            'adapter' as layer,
            {{ dbt.concat(["'berka '", 'source_table']) }} as table_name
        from {{ ref('berka_row_counts') }}
        union all
    {% endif -%}
    select
        rows_in,
        rows_kept,
        rows_after_as_of_date,
        rows_rejected,
        rows_redelivered,
        layer,
        table_name
    from staging_counts

),

final as (

    select
        layer,
        table_name,
        cast(coalesce(rows_in, 0) as bigint) as rows_in,
        cast(coalesce(rows_kept, 0) as bigint) as rows_kept,
        cast(coalesce(rows_rejected, 0) as bigint) as rows_rejected,
        cast(coalesce(rows_redelivered, 0) as bigint) as rows_redelivered,
        cast(coalesce(rows_after_as_of_date, 0) as bigint) as rows_after_as_of_date,
        {{ ratio('coalesce(rows_rejected, 0)', 'rows_in') }} as rejected_share
    from all_layers

)

select * from final
