{#-
    One row per Berka row that could not be mapped into the contract, and why: rows the
    mapping leaves out, and lines of a file that did not parse (with their text).
-#}
with

clients as (

    select
        'client' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__clients_mapped') }}
    where unmapped_reason is not null

),

accounts_and_cards as (

    select
        source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__accounts_mapped') }}
    where unmapped_reason is not null

),

transactions as (

    select
        'trans' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__transactions_mapped') }}
    where unmapped_reason is not null

),

loans as (

    select
        'loan' as source_table,
        record_key,
        unmapped_reason
    from {{ ref('berka__loans_mapped') }}
    where unmapped_reason is not null

),

-- lines of a file that did not parse (e.g. a file cut in the middle of a line)
unparsed_lines as (

    select
        source_table,
        {{ dbt.concat(["'line '", dbt.cast('line_number', dbt.type_string())]) }}
            as record_key,
        {{ dbt.concat([
            "'line does not parse: '", 'rejection_reason', "' | '", 'raw_line'
        ]) }} as unmapped_reason
    from {{ ref('unparsed_raw_lines') }}

),

unioned as (

    select * from clients
    union all
    select * from accounts_and_cards
    union all
    select * from transactions
    union all
    select * from loans
    union all
    select * from unparsed_lines

)

select * from unioned
