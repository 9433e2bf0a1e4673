{% macro ranked_within_key(key_columns, columns) %}
    {#-
        Two columns ranking the rows of one key (key_columns, a comma-separated list) by
        columns (nulls last on every engine): key_occurrence, 1 for the row staging keeps, and
        is_copy_of_kept_row, true for a later row equal to the kept one on every one of
        columns - the same record delivered again (monthly files that overlap at their edges,
        a snapshot sent twice), not a conflicting duplicate.
    -#}
    {%- set window = 'partition by ' ~ key_columns ~ ' order by ' ~ nulls_last(*columns) -%}
    row_number() over ({{ window }}) as key_occurrence,
    row_number() over ({{ window }}) > 1
    {% for column in columns -%}
        {%- set kept = 'first_value(' ~ column ~ ') over (' ~ window ~ ')' -%}
        and coalesce({{ kept }} = {{ column }}, {{ kept }} is null and {{ column }} is null)
    {% endfor %} as is_copy_of_kept_row
{% endmacro %}

{% macro copy_of_kept_row_rule(key_label) %}
    {#- The rule of a row is_copy_of_kept_row marks (ranked_within_key), as a SQL literal. -#}
    {{ return("'" ~ key_label ~ copy_of_kept_row_rule_suffix() ~ "'") }}
{% endmacro %}

{% macro is_copy_of_kept_row_rule(rejection_reason) %}
    {#- True for a rejection_reason of copy_of_kept_row_rule: not counted as rejected. -#}
    {{ return(rejection_reason ~ " like '%" ~ copy_of_kept_row_rule_suffix() ~ "'") }}
{% endmacro %}

{% macro copy_of_kept_row_rule_suffix() %}
    {{ return(' delivered again (a copy of the row kept)') }}
{% endmacro %}
