{{ config(enabled=berka_enabled()) }}
-- Per Berka file: raw rows = rows mapped into the contract + berka_unmapped_rows.
select
    source_table,
    raw_rows,
    mapped_rows,
    unmapped_rows
from {{ ref('berka_row_counts') }}
where raw_rows != mapped_rows + unmapped_rows
