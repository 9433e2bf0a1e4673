{#- Every raw row that staging rejected: its table, key, broken rule and raw JSON. -#}
with

{% for table_name in core_banking_tables() %}
    rejected_{{ table_name }} as (

        select
            '{{ table_name }}' as source_table,
            record_key,
            rejection_reason,
            raw_record
        from {{ ref('base_core_banking__' ~ table_name) }}
        where rejection_reason is not null

    ),

{% endfor %}
unioned as (

    {% for table_name in core_banking_tables() %}
        select * from rejected_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
