with

source as (

    select * from {{ source('berka', 'card') }}

),

renamed as (

    select
        trim(card_id) as card_id,
        trim(disp_id) as disposition_id,
        lower(trim(type)) as card_type,
        {{ berka_date('issued') }} as issued_date
    from source

)

select * from renamed
