with

source as (

    select * from {{ source('berka', 'client') }}

),

renamed as (

    select
        trim(client_id) as client_id,
        trim(birth_number) as birth_number,
        trim(district_id) as district_id
    from source

)

select * from renamed
