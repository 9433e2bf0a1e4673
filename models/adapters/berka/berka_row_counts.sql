{#-
    One row per Berka file: its raw rows (lines that did not parse included), the rows mapped
    into the raw input contract and the rows left out (berka_unmapped_rows), each counted on
    its own; data_quality_row_counts shows them as the 'adapter' layer and the singular test
    berka_rows_reconcile_with_mapped_and_unmapped checks raw = mapped + unmapped.
-#}
with

raw_counts as (

    {% for file_name in ['client', 'account', 'card', 'trans', 'loan'] %}
        select
            '{{ file_name }}' as source_table,
            count(*) + (
                select count(*) from {{ ref('unparsed_raw_lines') }} as unparsed
                where unparsed.source_table = '{{ file_name }}'
            ) as raw_rows
        from {{ source('berka', file_name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

accounts as (

    select * from {{ ref('berka_accounts') }}

),

mapped_counts as (

    select
        'client' as source_table,
        count(*) as mapped_rows
    from {{ ref('berka_customers') }}
    union all
    select
        case product_type when 'current' then 'account' else 'card' end as source_table,
        count(*) as mapped_rows
    from accounts
    group by product_type
    union all
    select
        'trans' as source_table,
        count(*) as mapped_rows
    from {{ ref('berka_transactions') }}
    union all
    select
        'loan' as source_table,
        count(*) as mapped_rows
    from {{ ref('berka_loans') }}

),

unmapped_counts as (

    select
        source_table,
        count(*) as unmapped_rows
    from {{ ref('berka_unmapped_rows') }}
    group by source_table

),

compared as (

    select
        raw_counts.source_table,
        raw_counts.raw_rows,
        coalesce(mapped_counts.mapped_rows, 0) as mapped_rows,
        coalesce(unmapped_counts.unmapped_rows, 0) as unmapped_rows
    from raw_counts
    left join mapped_counts
        on raw_counts.source_table = mapped_counts.source_table
    left join unmapped_counts
        on raw_counts.source_table = unmapped_counts.source_table

)

select * from compared
