-- As many assignments as customers with features, and no customer twice.
with

counts as (

    select
        (select count(*) from {{ ref('int_customer_features') }}) as customers,
        (select count(*) from {{ ref('customer_segment_assignments') }}) as assignments,
        (
            select count(distinct customer_id)
            from {{ ref('customer_segment_assignments') }}
        ) as assigned_customers

)

select * from counts
where customers != assignments or assignments != assigned_customers
