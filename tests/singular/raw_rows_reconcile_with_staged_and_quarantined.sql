-- For every raw table: raw rows = staged rows + quarantined rows.
with

{% for table_name in core_banking_tables() %}
    reconciled_{{ table_name }} as (

        select
            '{{ table_name }}' as table_name,
            (select count(*) from {{ raw_table(table_name) }}) as raw_rows,
            (
                select count(*) from {{ ref('stg_core_banking__' ~ table_name) }}
            ) as staged_rows,
            (
                select count(*) from {{ ref('quarantined_rows') }}
                where source_table = '{{ table_name }}'
            ) as quarantined_rows

    ),

{% endfor %}
unioned as (

    {% for table_name in core_banking_tables() %}
        select * from reconciled_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
where raw_rows != staged_rows + quarantined_rows
