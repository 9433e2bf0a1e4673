{#-
    Staged transactions keep the contract, in the months this build adds or re-checks (the
    as-of month and var reprocess_months before it): a key present and unique, the account
    resolved, amount > 0, direction and channel from their code lists. One pass over the
    staged view (the raw-sized table) for every rule; returns the keys that break one.
    Staging guarantees these rules by construction (rows that break one are quarantined and
    unit-tested on base_core_banking__transactions), so this checks the staging code, and it
    does so beside the rest of the build: it depends on data_quality_row_counts too, and
    dbt build holds a model back for a test only when the model descends from every parent of
    the test, so the month models do not wait for this scan.
-#}
-- depends_on: {{ ref('data_quality_row_counts') }}
with

staged as (

    select * from {{ ref('stg_core_banking__transactions') }}
    where booked_at >= {{ newest_booking_months_start() }}

),

checked as (

    select
        transaction_id,
        count(*) as rows_with_key,
        sum(
            case
                when
                    account_id is not null
                    and account_key is not null
                    and booked_at is not null
                    and booked_month_start_date is not null
                    and amount > 0
                    and direction in {{ core_banking_codes('direction') }}
                    and (
                        channel is null
                        or channel in {{ core_banking_codes('channel') }}
                    )
                    then 0
                else 1
            end
        ) as rows_breaking_a_rule
    from staged
    group by transaction_id

)

select * from checked
where
    transaction_id is null
    or rows_with_key > 1
    or rows_breaking_a_rule > 0
