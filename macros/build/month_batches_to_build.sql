{% macro month_batches_to_build(first_month) %}
    {#- The month batches a month-incremental model builds (int_transaction_months_counted),
        from first_month on (all when none): each month that has a batch, the last booking
        day it holds and its fingerprint. -#}
    select
        booked_month_start_date,
        processed_through_date,
        batch_fingerprint
    from {{ ref('int_transaction_months_counted') }}
    where
        processed_through_date is not null
        and {{ month_at_or_after('booked_month_start_date', first_month) }}
{% endmacro %}
