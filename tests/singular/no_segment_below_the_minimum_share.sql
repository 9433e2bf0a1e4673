-- No segment holds less than var('min_segment_share') of the assigned customers.
with

segment_sizes as (

    select
        segment_id,
        {{ ratio('count(*)', 'sum(count(*)) over ()') }} as customer_share
    from {{ ref('customer_segment_assignments') }}
    group by segment_id

)

select * from segment_sizes
where customer_share < {{ var('min_segment_share') }}
