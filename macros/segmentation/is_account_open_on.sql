{% macro is_account_open_on(accounts, day) %}
    {#-
        True where the account is open on day: from its opened_date up to the day before its
        closed_date (an account closed on a day is not open on it). accounts: the alias of a
        relation with opened_date and closed_date.
    -#}
    (
        {{ accounts }}.opened_date <= {{ day }}
        and (
            {{ accounts }}.closed_date is null
            or {{ accounts }}.closed_date > {{ day }}
        )
    )
{% endmacro %}
