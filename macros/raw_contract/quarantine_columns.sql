{% macro quarantine_columns(struct_column='raw_row') %}
    {#-
        The last columns of every base model: the rule the row breaks (null when kept), and for
        rejected rows only, its key as text and the raw row as JSON (turning every row into
        JSON was the most costly step of staging at scale).
    -#}
    rejection_reason,
    case when rejection_reason is not null then record_key end as record_key,
    case
        when rejection_reason is not null
            then {{ row_as_json(struct_column) }}
    end as raw_record
{% endmacro %}
