{% macro ranked_within_key(key_columns, columns) %}
    {#-
        Three columns ranking the rows of one key (key_columns, a comma-separated list): by
        the file they came in, the latest first (file names in order: a month's file named
        by its month sorts after the month before), then by columns (nulls last on every
        engine). key_occurrence is 1 for the row staging keeps; is_copy_of_kept_row marks a
        later row equal to the kept one on every one of columns (the same record delivered
        again: monthly files that overlap at their edges, a snapshot sent twice);
        is_superseded_by_a_later_file marks a row that differs from the kept one and came in
        an earlier file (a correction, or last month's snapshot). Other rows of the key are
        conflicting duplicates within one file. Needs the column delivered_file.
    -#}
    {%- set window = 'partition by ' ~ key_columns ~ ' order by '
        ~ nulls_last('delivered_file desc', *columns) -%}
    {%- set later = 'row_number() over (' ~ window ~ ') > 1' -%}
    {%- set equal_to_kept = [] -%}
    {%- for column in columns -%}
        {%- set kept = 'first_value(' ~ column ~ ') over (' ~ window ~ ')' -%}
        {%- do equal_to_kept.append(
            'coalesce(' ~ kept ~ ' = ' ~ column ~ ', ' ~ kept ~ ' is null and '
            ~ column ~ ' is null)'
        ) -%}
    {%- endfor -%}
    {%- set kept_file = 'first_value(delivered_file) over (' ~ window ~ ')' -%}
    row_number() over ({{ window }}) as key_occurrence,
    {{ later }}
    and {{ equal_to_kept | join('\n    and ') }} as is_copy_of_kept_row,
    {{ later }}
    and not ({{ equal_to_kept | join('\n    and ') }})
    and coalesce({{ kept_file }} > delivered_file, false) as is_superseded_by_a_later_file
{% endmacro %}

{% macro duplicate_key_rules(key_label, verb='is', relation='') %}
    {#-
        The rules of a key's later rows (ranked_within_key), in the order staging applies
        them: a copy of the row kept, a row a later file superseded (neither is a rejection:
        is_redelivery_rule), a conflicting duplicate. relation: the CTE prefix, e.g. 'ranked.'.
    -#}
    when {{ relation }}is_copy_of_kept_row
        then '{{ key_label }}{{ redelivery_rule_suffixes()[0] }}'
    when {{ relation }}is_superseded_by_a_later_file
        then '{{ key_label }}{{ redelivery_rule_suffixes()[1] }}'
    when {{ relation }}key_occurrence > 1 then '{{ key_label }} {{ verb }} duplicated'
{% endmacro %}

{% macro is_redelivery_rule(rejection_reason) %}
    {#- SQL: true for a rule of duplicate_key_rules that is no rejection: a copy of the row
        kept, or an earlier version a later file superseded. -#}
    {%- set tests = [] -%}
    {%- for suffix in redelivery_rule_suffixes() -%}
        {%- do tests.append(rejection_reason ~ " like '%" ~ suffix ~ "'") -%}
    {%- endfor -%}
    {{ return('(' ~ tests | join(' or ') ~ ')') }}
{% endmacro %}

{% macro redelivery_rule_suffixes() %}
    {{ return([
        ' delivered again (a copy of the row kept)',
        ' superseded by a later file (the row kept came later)',
    ]) }}
{% endmacro %}

{% macro delivered_file(table_name) %}
    {#- SQL: the file a raw row came in (column filename of the file readers), for the
        contract's files; '' for warehouse tables and adapters, whose rows name none, and for
        a table delivered as one file (known on DuckDB): no file to rank rows by. -#}
    {%- if var('source_adapter') != 'core_banking' or var('raw_source_kind') != 'files' -%}
        {{ return("''") }}
    {%- endif -%}
    {%- if target.type == 'duckdb' and execute and not var('lint_rendering')
        and raw_table_files(table_name) | length < 2 -%}
        {{ return("''") }}
    {%- endif -%}
    {{ return('filename') }}
{% endmacro %}
