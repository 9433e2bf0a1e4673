{{ config(grants=bi_grants()) }}

{#- One row per RFM label per as-of date: customers, share and mean R, F, M. -#}
with

history as (

    select * from {{ ref('segment_history') }}

),

aggregated as (

    select
        as_of_date,
        rfm_label,
        count(*) as customers,
        avg(recency_days) as mean_recency_days,
        avg(frequency_count) as mean_frequency_count,
        avg(monetary_amount) as mean_monetary_amount,
        sum(monetary_amount) as total_monetary_amount,
        avg(r_score) as mean_r_score,
        avg(f_score) as mean_f_score,
        avg(m_score) as mean_m_score
    from history
    group by as_of_date, rfm_label

),

final as (

    select
        rfm_label,
        cast(customers as bigint) as customers,
        cast(
            customers * 1.0 / sum(customers) over (partition by as_of_date) as double
        ) as customer_share,
        cast(mean_recency_days as double) as mean_recency_days,
        cast(mean_frequency_count as double) as mean_frequency_count,
        cast(mean_monetary_amount as double) as mean_monetary_amount,
        cast(total_monetary_amount as double) as total_monetary_amount,
        cast(mean_r_score as double) as mean_r_score,
        cast(mean_f_score as double) as mean_f_score,
        cast(mean_m_score as double) as mean_m_score,
        as_of_date
    from aggregated

)

select * from final
