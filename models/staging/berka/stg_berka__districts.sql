with

source as (

    select * from {{ source('berka', 'district') }}

),

renamed as (

    select
        trim(a1) as district_id,
        trim(a2) as district_name,
        trim(a3) as region_name
    from source

)

select * from renamed
