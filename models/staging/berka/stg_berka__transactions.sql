with

source as (

    select * from {{ source('berka', 'trans') }}

),

renamed as (

    select
        trim(trans_id) as trans_id,
        trim(account_id) as account_id,
        upper(trim(type)) as trans_type,  -- noqa: RF04
        coalesce(upper(trim(operation)), '') as operation_code,
        coalesce(upper(trim(k_symbol)), '') as k_symbol,
        try_cast(amount as decimal(18, 2)) as amount,
        try_cast(balance as decimal(18, 2)) as balance_after,
        {{ berka_date('date') }} as booked_date
    from source

)

select * from renamed
