{% test rejected_share_within(model, share_var) %}
    {#-
        The raw tables (layer staging) of data_quality_row_counts whose rejected share is above var <share_var>, with
        their top three rules (data_quality_rejections). Before the result, the build's log
        says which: each table's share, and each rule with one raw value and the reading
        setting it points at.
    -#}
    {%- set rejections = ref('data_quality_rejections') -%}
    {%- set query -%}
        with

        over_limit as (

            select
                table_name,
                rejected_share
            from {{ model }}
            where layer = 'staging' and rejected_share > {{ var(share_var) }}

        ),

        ranked_rules as (

            select
                table_name,
                rejection_reason,
                rows_rejected,
                sample_value,
                reading_setting,
                row_number() over (
                    partition by table_name
                    order by rows_rejected desc, rejection_reason
                ) as rule_rank
            from {{ rejections }}
            where not is_redelivery

        )

        select
            over_limit.table_name,
            over_limit.rejected_share,
            ranked_rules.rejection_reason,
            ranked_rules.rows_rejected,
            ranked_rules.sample_value,
            ranked_rules.reading_setting
        from over_limit
        left join ranked_rules
            on
                over_limit.table_name = ranked_rules.table_name
                and ranked_rules.rule_rank <= 3
    {%- endset -%}
    {%- if execute and load_relation(model) is not none -%}
        {%- set lines = {} -%}
        {%- for row in run_query(query).rows -%}
            {%- set heading = "raw table '" ~ row[0] ~ "': " ~ '%.1f' | format(row[1] * 100)
                ~ " % of its rows rejected, above " ~ share_var ~ " (" ~ '%g' | format(
                    var(share_var) * 100) ~ " %); top rules:" -%}
            {%- do lines.setdefault(heading, []) -%}
            {%- if row[2] -%}
                {%- do lines[heading].append("  " ~ row[2] ~ ": " ~ row[3] ~ " rows, e.g. '"
                    ~ (row[4] or '') ~ "'" ~ ("; check " ~ row[5] if row[5] else "")) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for heading, rules in lines.items() -%}
            {%- do log(([heading] + rules) | join('\n'), info=true) -%}
        {%- endfor -%}
    {%- endif %}

{{ query }}

{% endtest %}
