{{ config(grants=bi_grants()) }}

with

{% for table_name in core_banking_tables() %}
    counted_{{ table_name }} as (

        select
            'staging' as layer,
            '{{ table_name }}' as table_name,
            count(*) as rows_in,
            sum(case when rejection_reason is null then 1 else 0 end) as rows_kept,
            sum(case when rejection_reason is null then 0 else 1 end) as rows_rejected
        from {{ ref('base_core_banking__' ~ table_name) }}

    ),

{% endfor %}
unioned as (

    {% for table_name in core_banking_tables() %}
        select * from counted_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        layer,
        table_name,
        cast(rows_in as bigint) as rows_in,
        cast(coalesce(rows_kept, 0) as bigint) as rows_kept,
        cast(coalesce(rows_rejected, 0) as bigint) as rows_rejected,
        {{ ratio('coalesce(rows_rejected, 0)', 'rows_in') }} as rejected_share
    from unioned

)

select * from final
