{% macro display_value_text(value, formats, signed=false, compact=false) %}
    {#-
        `value` as every output shows it, by the display_formats row aliased `formats`: scaled
        (shares as %), rounded to the unit's decimals with thousands separators, then its
        suffix ('62 %', '5,698 EUR'); 'missing' when null. signed: '+' before a positive
        value. compact (a heatmap cell): from 10,000 on in thousands ('93.8k'), and no
        currency. The one place a value becomes text: the marts carry the texts the report,
        the dashboard and the reasons show.
    -#}
    {%- set scaled = '(' ~ value ~ ') * coalesce(' ~ formats ~ '.scale, 1)' -%}
    {%- set number -%}
        case coalesce({{ formats }}.decimals, 2)
            when 0 then {{ grouped_number(scaled, 0) }}
            when 1 then {{ grouped_number(scaled, 1) }}
            else {{ grouped_number(scaled, 2) }}
        end
    {%- endset -%}
    {%- set suffix = "coalesce(' ' || " ~ formats ~ ".value_suffix, '')" -%}
    {%- if compact -%}
        {%- set number -%}
            case
                when abs({{ scaled }}) >= 10000
                    then {{ dbt.concat([grouped_number(scaled ~ ' / 1000', 1), "'k'"]) }}
                else {{ number }}
            end
        {%- endset -%}
        {%- set suffix -%}
            case
                when abs({{ scaled }}) >= 10000 or {{ formats }}.unit = 'currency' then ''
                else {{ suffix }}
            end
        {%- endset -%}
    {%- endif -%}
    case
        when {{ value }} is null then 'missing'
        else {{ dbt.concat([
            ("case when " ~ scaled ~ " > 0 then '+' else '' end") if signed else "''",
            number,
            suffix,
        ]) }}
    end
{% endmacro %}

{% macro money_text(amount, compact=false) %}
    {#- An amount in the reporting currency as shown: '5,698 EUR'; compact: from a million on
        in millions ('131.0M EUR'). 'missing' when null. -#}
    {%- set currency = reporting_currency() -%}
    {%- set suffix = (" ' " ~ currency ~ "'") if currency else "''" -%}
    case
        when {{ amount }} is null then 'missing'
        {%- if compact %}
            when abs({{ amount }}) >= 1000000
                then {{ dbt.concat([grouped_number(amount ~ ' / 1000000', 1), "'M'", suffix]) }}
        {%- endif %}
        else {{ dbt.concat([grouped_number(amount, 0), suffix]) }}
    end
{% endmacro %}
