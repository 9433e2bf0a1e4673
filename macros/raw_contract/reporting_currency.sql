{#-
    The currency amounts are shown in. Amounts are in their account's currency
    (accounts.currency); the reporting currency is var currency, or when it is not set the
    extract's one currency. Accounts in another currency than the reporting one are converted
    with the FX rates (seed fx_rates, or the CSV file var fx_rates_path names): rate per
    currency and month, in reporting-currency units per unit. Never a silent label: an
    extract with several currencies and no var currency, or a currency without any rate,
    stops the build.
-#}
{% macro account_currencies() %}
    {#- The distinct currencies of the raw accounts, upper case; empty before execution or
        while the raw accounts are not readable (a model only rendered, e.g. by make lint). -#}
    {%- set accounts = raw_table('accounts') -%}
    {%- if not execute or not raw_relation_readable(accounts) -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select distinct upper(trim(cast(currency as {{ dbt.type_string() }})))
        from {{ accounts }}
        where currency is not null and trim(cast(currency as {{ dbt.type_string() }})) != ''
        order by 1
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{% endmacro %}

{% macro reporting_currency(currencies=none) %}
    {#- currencies: account_currencies(), when the caller has them already. -#}
    {%- if var('currency') -%}
        {{ return(var('currency') | upper) }}
    {%- endif -%}
    {%- set currencies = account_currencies() if currencies is none else currencies -%}
    {%- if currencies | length > 1 -%}
        {{ exceptions.raise_compiler_error(
            "raw table 'accounts': column 'currency' holds " ~ currencies | length
            ~ " currencies (" ~ currencies | join(', ') ~ "). Rule: amounts are shown in one "
            ~ "reporting currency: set var currency to it (e.g. --vars '{currency: "
            ~ currencies[0] ~ "}') and give the FX rates of the others (seed fx_rates, or "
            ~ "var fx_rates_path).") }}
    {%- endif -%}
    {{ return(currencies[0] if currencies else '') }}
{% endmacro %}

{% macro foreign_currencies() %}
    {#- The account currencies other than the reporting one (their amounts are converted);
        stops when one of them has no FX rate at all. With var lint_data_dependent_branches
        (make lint) one made-up currency, so that the conversion is rendered. -#}
    {%- if var('lint_data_dependent_branches') -%}
        {{ return(['XXX']) }}
    {%- endif -%}
    {%- set currencies = account_currencies() -%}
    {%- set reporting = reporting_currency(currencies) -%}
    {%- set foreign = currencies | reject('equalto', reporting) | list -%}
    {%- if foreign -%}
        {%- set rated = run_query("select distinct upper(currency) from "
            ~ fx_rates_relation()).columns[0].values() | list -%}
        {%- set unrated = foreign | reject('in', rated) | list -%}
        {%- if unrated -%}
            {{ exceptions.raise_compiler_error(
                "raw table 'accounts': column 'currency' holds " ~ unrated | join(', ')
                ~ ", and the reporting currency is " ~ reporting ~ " (var currency), but no "
                ~ "FX rate converts " ~ unrated | join(', ') ~ ". Rule: amounts in another "
                ~ "currency are converted with the rates per currency and month in seed "
                ~ "fx_rates (seeds/fx_rates.csv: currency, month_start_date, "
                ~ "rate_to_reporting_currency) or in the CSV file var fx_rates_path names; "
                ~ "never labelled " ~ reporting ~ " unconverted.") }}
        {%- endif -%}
    {%- endif -%}
    {{ return(foreign) }}
{% endmacro %}

{% macro fx_rates_relation() %}
    {#- The FX rates: the CSV file var fx_rates_path names, else seed fx_rates. -#}
    {%- set seed = ref('fx_rates') -%}
    {%- if not var('fx_rates_path') -%}
        {{ return(seed) }}
    {%- endif -%}
    {{ return("(select upper(trim(currency)) as currency, cast(month_start_date as date) as "
        ~ "month_start_date, cast(rate_to_reporting_currency as double) as "
        ~ "rate_to_reporting_currency from read_csv(" ~ sql_character(var('fx_rates_path'))
        ~ ", header = true, all_varchar = true))") }}
{% endmacro %}

{% macro fx_rate_join(rates_alias, currency, month_start_date, converted) %}
    {#- When converted: a left join of the FX rate of currency in month_start_date, as
        rates_alias. -#}
    {%- if converted %}
        left join {{ fx_rates_relation() }} as {{ rates_alias }}
            on
                {{ currency }} = {{ rates_alias }}.currency
                and {{ month_start_date }} = {{ rates_alias }}.month_start_date
    {%- endif %}
{%- endmacro %}

{% macro in_reporting_currency(amount, currency, rates_alias, converted) %}
    {#- The select item of an amount column in the reporting currency: converted with the
        joined FX rate row (fx_rate_join) and named as before, or as it is. -#}
    {%- if not converted -%}
        {{ return(amount) }}
    {%- endif -%}
    {{ return('case when ' ~ currency ~ " = '" ~ reporting_currency() ~ "' then " ~ amount
        ~ ' else cast(' ~ amount ~ ' * ' ~ rates_alias ~ '.rate_to_reporting_currency as '
        ~ 'decimal(18, 2)) end as ' ~ amount.split('.')[-1]) }}
{% endmacro %}

{% macro missing_fx_rate_rule(column, currency, rates_alias, converted) %}
    {#- When converted: a CASE branch of rejection_reason, an amount in a foreign currency
        whose month has no FX rate. -#}
    {%- if converted %}
        when
            {{ currency }} != '{{ reporting_currency() }}'
            and {{ rates_alias }}.rate_to_reporting_currency is null
            then '{{ column }} has no FX rate for its currency and month'
    {%- endif %}
{%- endmacro %}
