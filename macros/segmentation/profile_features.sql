{% macro profile_features() %}
    {#- Numeric customer features carried into the segment marts and profiled per segment;
        var profile_features narrows the list (used by unit tests). -#}
    {{ return(var('profile_features') or [
        'spend_per_month_amount', 'average_ticket_amount', 'transactions_per_month',
        'recurring_income_amount', 'average_deposit_balance_amount', 'deposit_balance_trend_amount',
        'savings_rate', 'online_share', 'card_present_share', 'cash_share', 'branch_share',
        'credit_utilisation', 'revolving_share', 'cash_advance_count', 'loan_application_count',
        'declined_application_count', 'loans_held_count', 'outstanding_principal_amount',
        'negative_balance_days', 'product_breadth', 'tenure_months', 'active_months',
        'recency_days', 'frequency_count', 'monetary_amount',
    ]) }}
{% endmacro %}
