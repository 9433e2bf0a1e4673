{#-
    One row per as-of date per clustering feature of the model version that scored it: the
    population stability index (PSI) of the feature's distribution on that date against the
    version's training as-of date, and against the previous as-of date, from the shares of
    feature_bin_shares: against training binned with the scoring version's deciles (learned at
    training, segment_drift_bins; a bin of its own for missing values), against the previous
    date with the deciles of the version that scored the previous date, so both dates are
    binned alike after a retrain too. PSI = sum over bins of (share now - share then) x
    ln(share now / share then), shares floored at 0.0001 (macros psi_share,
    population_stability_index). Null where the date compared with has no shares kept.
-#}
with

shares as (

    select * from {{ ref('feature_bin_shares') }}

),

bins as (

    select * from {{ ref('segment_drift_bins') }}

),

-- Each as-of date, the version that scored it, the version's training date, and the
-- date before it with the version that scored that.
training_dates as (

    select distinct
        model_version,
        training_as_of_date
    from bins

),

scored_dates as (

    select distinct
        as_of_date,
        model_version
    from shares
    where is_scoring_version

),

compared_dates as (

    select
        scored_dates.as_of_date,
        scored_dates.model_version,
        training_dates.training_as_of_date,
        lag(scored_dates.as_of_date) over (order by scored_dates.as_of_date)
            as previous_as_of_date,
        lag(scored_dates.model_version) over (order by scored_dates.as_of_date)
            as previous_model_version
    from scored_dates
    inner join training_dates
        on scored_dates.model_version = training_dates.model_version

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
        {{ psi_share('now_previous_bins.customer_share') }}
            as share_now_in_previous_bins,
        {{ psi_share('previous_shares.customer_share') }} as share_previous,
        training_shares.customer_share is not null as training_date_binned,
        previous_shares.customer_share is not null as previous_date_binned
    from compared_dates
    inner join bins
        on compared_dates.model_version = bins.model_version
    cross join bin_numbers
    left join shares as now_shares
        on
            compared_dates.as_of_date = now_shares.as_of_date
            and compared_dates.model_version = now_shares.model_version
            and bins.feature = now_shares.feature
            and bin_numbers.bin_number = now_shares.bin_number
    left join shares as training_shares
        on
            compared_dates.training_as_of_date = training_shares.as_of_date
            and compared_dates.model_version = training_shares.model_version
            and bins.feature = training_shares.feature
            and bin_numbers.bin_number = training_shares.bin_number
    left join shares as now_previous_bins
        on
            compared_dates.as_of_date = now_previous_bins.as_of_date
            and compared_dates.previous_model_version = now_previous_bins.model_version
            and bins.feature = now_previous_bins.feature
            and bin_numbers.bin_number = now_previous_bins.bin_number
    left join shares as previous_shares
        on
            compared_dates.previous_as_of_date = previous_shares.as_of_date
            and compared_dates.previous_model_version = previous_shares.model_version
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
                then {{ population_stability_index(
                    'share_now_in_previous_bins', 'share_previous'
                ) }}
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
