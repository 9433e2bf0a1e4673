{#-
    One row per as-of date in segment_history per clustering feature of the model version that
    scored it: the population stability index (PSI) of the feature's distribution on that date
    against the version's training as-of date and against the previous as-of date, both binned
    with the deciles learned at training (segment_drift_bins; a bin of its own for missing
    values). PSI = sum over bins of (share now - share then) x ln(share now / share then),
    shares floored at 0.0001 (macros psi_share, population_stability_index). Null where the
    date compared with is not in segment_history.
-#}
{%- set features = drift_features() %}
with

history as (

    select * from {{ ref('segment_history') }}

),

bins as (

    select * from {{ ref('segment_drift_bins') }}

),

-- Each as-of date, the version that scored it, the version's training date and the date
-- before it.
observed_dates as (

    select distinct
        history.as_of_date,
        history.model_version,
        bins.training_as_of_date
    from history
    inner join bins
        on history.model_version = bins.model_version

),

compared_dates as (

    select
        *,
        lag(as_of_date) over (order by as_of_date) as previous_as_of_date
    from observed_dates

),

-- The dates binned under each version: its own, the previous and the training date.
binned_dates as (

    select
        as_of_date as binned_as_of_date,
        model_version
    from compared_dates
    union
    select
        previous_as_of_date,
        model_version
    from compared_dates
    where previous_as_of_date is not null
    union
    select
        training_as_of_date,
        model_version
    from compared_dates

),

binned as (

    {%- for feature in features %}
        select
            binned_dates.binned_as_of_date,
            binned_dates.model_version,
            bins.feature,
            {{ drift_bin('history.' ~ feature, 'bins') }} as bin_number
        from history
        inner join binned_dates
            on history.as_of_date = binned_dates.binned_as_of_date
        inner join bins
            on
                binned_dates.model_version = bins.model_version
                and bins.feature = '{{ feature }}'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

bin_shares as (

    select
        binned_as_of_date,
        model_version,
        feature,
        bin_number,
        count(*) * 1.0 / sum(count(*)) over (
            partition by binned_as_of_date, model_version, feature
        ) as customer_share
    from binned
    group by binned_as_of_date, model_version, feature, bin_number

),

bin_numbers as (

    {{ drift_bin_numbers() }}

),

-- Every bin of every feature per date compared: its share now and then (0 when empty).
bin_pairs as (

    select
        compared_dates.as_of_date,
        compared_dates.model_version,
        compared_dates.training_as_of_date,
        compared_dates.previous_as_of_date,
        bins.feature,
        bin_numbers.bin_number,
        {{ psi_share('now_shares.customer_share') }} as share_now,
        {{ psi_share('training_shares.customer_share') }} as share_at_training,
        {{ psi_share('previous_shares.customer_share') }} as share_previous,
        training_shares.customer_share is not null as training_date_binned,
        previous_shares.customer_share is not null as previous_date_binned
    from compared_dates
    inner join bins
        on compared_dates.model_version = bins.model_version
    cross join bin_numbers
    left join bin_shares as now_shares
        on
            compared_dates.as_of_date = now_shares.binned_as_of_date
            and compared_dates.model_version = now_shares.model_version
            and bins.feature = now_shares.feature
            and bin_numbers.bin_number = now_shares.bin_number
    left join bin_shares as training_shares
        on
            compared_dates.training_as_of_date = training_shares.binned_as_of_date
            and compared_dates.model_version = training_shares.model_version
            and bins.feature = training_shares.feature
            and bin_numbers.bin_number = training_shares.bin_number
    left join bin_shares as previous_shares
        on
            compared_dates.previous_as_of_date = previous_shares.binned_as_of_date
            and compared_dates.model_version = previous_shares.model_version
            and bins.feature = previous_shares.feature
            and bin_numbers.bin_number = previous_shares.bin_number

),

psi as (

    select
        as_of_date,
        feature,
        model_version,
        training_as_of_date,
        previous_as_of_date,
        case
            when {{ dbt.bool_or('training_date_binned') }}
                then {{ population_stability_index('share_now', 'share_at_training') }}
        end as psi_vs_training,
        case
            when {{ dbt.bool_or('previous_date_binned') }}
                then {{ population_stability_index('share_now', 'share_previous') }}
        end as psi_vs_previous
    from bin_pairs
    group by
        as_of_date, feature, model_version, training_as_of_date, previous_as_of_date

),

final as (

    select
        *,
        {{ psi_status('psi_vs_training') }} as status_vs_training,
        {{ psi_status('psi_vs_previous') }} as status_vs_previous
    from psi

)

select * from final
