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
        avg(cast(recency_days as double)) as mean_recency_days,
        avg(cast(frequency_count as double)) as mean_frequency_count,
        avg(cast(monetary_amount as double)) as mean_monetary_amount,
        sum(monetary_amount) as total_monetary_amount,
        avg(cast(r_score as double)) as mean_r_score,
        avg(cast(f_score as double)) as mean_f_score,
        avg(cast(m_score as double)) as mean_m_score
    from history
    group by as_of_date, rfm_label

),

final as (

    select
        rfm_label,
        cast(customers as bigint) as customers,
        {{ ratio('customers', 'sum(customers) over (partition by as_of_date)') }}
            as customer_share,
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
