{#- One row per segment per as-of date: size, value, holdings, RFM, demographics. -#}
with

history as (

    select * from {{ ref('segment_history') }}

),

region_counts as (

    select
        as_of_date,
        segment_id,
        region,
        count(*) as customers,
        row_number() over (
            partition by as_of_date, segment_id
            order by count(*) desc, region
        ) as region_rank
    from history
    group by as_of_date, segment_id, region

),

top_regions as (

    select
        as_of_date,
        segment_id,
        region as top_region,
        customers as top_region_customers
    from region_counts
    where region_rank = 1

),

model_verdicts as (

    select distinct
        model_version,
        verdict as model_verdict,
        verdict_reasons as model_verdict_reasons
    from {{ segmentation_model_registry() }}

),

aggregated as (

    select
        as_of_date,
        segment_id,
        segment_name,
        max(model_version) as model_version,
        count(*) as customers,
        sum(spend_per_month_amount) as total_spend_per_month_amount,
        {{ median('spend_per_month_amount') }} as median_spend_per_month_amount,
        avg(cast(average_deposit_balance_amount as double))
            as mean_deposit_balance_amount,
        {{ median('average_deposit_balance_amount') }} as median_deposit_balance_amount,
        sum(average_deposit_balance_amount) as total_deposit_balance_amount,
        avg(cast(recurring_income_amount as double)) as mean_recurring_income_amount,
        avg(cast(product_breadth as double)) as mean_product_breadth,
        {{ share_where("has_credit_card") }} as credit_card_share,
        {{ share_where("loans_held_count > 0") }} as loan_holder_share,
        {{ share_where("rfm_label = 'champions'") }} as rfm_champions_share,
        {{ share_where("rfm_label = 'loyal'") }} as rfm_loyal_share,
        {{ share_where("rfm_label in ('at_risk', 'cant_lose')") }}
            as rfm_at_risk_share,
        {{ share_where("rfm_label in ('hibernating', 'lost')") }}
            as rfm_lapsing_share,
        {%- for band in age_bands() + [{'band': 'unknown'}] %}
            {{ share_where("age_band = '" ~ band.band ~ "'") }}
                as {{ age_band_share_column(band.band) }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from history
    group by as_of_date, segment_id, segment_name

),

final as (

    select
        aggregated.segment_name,
        aggregated.model_version,
        model_verdicts.model_verdict,
        model_verdicts.model_verdict_reasons,
        top_regions.top_region,
        cast(aggregated.segment_id as integer) as segment_id,
        cast(aggregated.customers as bigint) as customers,
        {{ ratio(
            'aggregated.customers',
            'sum(aggregated.customers) over (partition by aggregated.as_of_date)'
        ) }} as customer_share,
        cast(aggregated.total_spend_per_month_amount as double)
            as total_spend_per_month_amount,
        cast(aggregated.median_spend_per_month_amount as double)
            as median_spend_per_month_amount,
        cast(aggregated.mean_deposit_balance_amount as double)
            as mean_deposit_balance_amount,
        cast(aggregated.median_deposit_balance_amount as double)
            as median_deposit_balance_amount,
        cast(aggregated.total_deposit_balance_amount as double)
            as total_deposit_balance_amount,
        cast(aggregated.mean_recurring_income_amount as double)
            as mean_recurring_income_amount,
        cast(aggregated.mean_product_breadth as double) as mean_product_breadth,
        cast(aggregated.credit_card_share as double) as credit_card_share,
        cast(aggregated.loan_holder_share as double) as loan_holder_share,
        cast(aggregated.rfm_champions_share as double) as rfm_champions_share,
        cast(aggregated.rfm_loyal_share as double) as rfm_loyal_share,
        cast(aggregated.rfm_at_risk_share as double) as rfm_at_risk_share,
        cast(aggregated.rfm_lapsing_share as double) as rfm_lapsing_share,
        {%- for band in age_bands() + [{'band': 'unknown'}] %}
            {%- set column = age_band_share_column(band.band) %}
            cast(aggregated.{{ column }} as double) as {{ column }},
        {%- endfor %}
        {{ ratio('top_regions.top_region_customers', 'aggregated.customers') }}
            as top_region_share,
        aggregated.as_of_date,
        {{ money_text('aggregated.median_spend_per_month_amount') }}
            as median_spend_per_month_text,
        {{ money_text('aggregated.total_deposit_balance_amount', compact=true) }}
            as total_deposit_balance_text
    from aggregated
    inner join top_regions
        on
            aggregated.as_of_date = top_regions.as_of_date
            and aggregated.segment_id = top_regions.segment_id
    left join model_verdicts
        on aggregated.model_version = model_verdicts.model_version

)

select * from final
