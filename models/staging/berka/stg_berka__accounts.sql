with

source as (

    select * from {{ source('berka', 'account') }}

),

renamed as (

    select
        trim(account_id) as account_id,
        trim(district_id) as district_id,
        trim(frequency) as statement_frequency,
        {{ berka_date('date') }} as opened_date
    from source

)

select * from renamed
