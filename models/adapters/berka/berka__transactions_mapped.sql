{#-
    One row per Berka transaction with its contract direction, channel, merchant category
    and description from type, operation and k_symbol (codes in data/berka/README.md),
    by the rules of seed berka_transaction_rules: for each mapping the first rule by priority
    whose codes match, a blank rule cell matching any code. Each combination of codes in the
    data is resolved once, then joined back.
-#}
with

transactions as (

    select * from {{ ref('stg_berka__transactions') }}

),

rules as (

    select
        mapping,
        priority,
        {{ seed_text('trans_type') }} as trans_type,
        {{ seed_text('operation_code') }} as operation_code,
        {{ seed_text('k_symbol') }} as k_symbol,
        {{ seed_text('value') }} as mapped_value
    from {{ ref('berka_transaction_rules') }}

),

code_combinations as (

    select distinct
        trans_type,
        operation_code,
        k_symbol
    from transactions

),

matching_rules as (

    select
        code_combinations.trans_type,
        code_combinations.operation_code,
        code_combinations.k_symbol,
        rules.mapping,
        rules.priority,
        rules.mapped_value,
        row_number() over (
            partition by
                code_combinations.trans_type,
                code_combinations.operation_code,
                code_combinations.k_symbol,
                rules.mapping
            order by rules.priority
        ) as match_rank
    from code_combinations
    inner join rules
        on
            (
                rules.trans_type is null
                or code_combinations.trans_type = rules.trans_type
            )
            and (
                rules.operation_code is null
                or code_combinations.operation_code = rules.operation_code
            )
            and (rules.k_symbol is null or code_combinations.k_symbol = rules.k_symbol)

),

mapped_combinations as (

    select
        trans_type,
        operation_code,
        k_symbol,
        max(case when mapping = 'direction' then mapped_value end) as direction,
        max(case when mapping = 'channel' then mapped_value end) as channel,
        max(
            case when mapping = 'merchant_category_code' then mapped_value end
        ) as merchant_category_code,
        max(case when mapping = 'description' then mapped_value end) as description
    from matching_rules
    where match_rank = 1
    group by trans_type, operation_code, k_symbol

),

classified as (

    select
        transactions.*,
        mapped_combinations.direction,
        mapped_combinations.channel,
        mapped_combinations.merchant_category_code,
        mapped_combinations.description
    from transactions
    left join mapped_combinations
        on
            transactions.trans_type = mapped_combinations.trans_type
            and transactions.operation_code = mapped_combinations.operation_code
            and transactions.k_symbol = mapped_combinations.k_symbol

),

mapped as (

    select
        trans_id as record_key,
        direction,
        channel,
        merchant_category_code,
        description,
        amount,
        balance_after,
        booked_date,
        'T' || trans_id as transaction_id,
        'A' || account_id as account_id,
        case
            when booked_date is null then 'date is not a YYMMDD date'
            when amount is null then 'amount is not a number'
            when direction is null then 'type matches no direction rule'
            when channel is null then 'operation and k_symbol match no channel rule'
        end as unmapped_reason
    from classified

)

select * from mapped
