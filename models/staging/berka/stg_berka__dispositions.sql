with

source as (

    select * from {{ source('berka', 'disp') }}

),

renamed as (

    select
        trim(disp_id) as disposition_id,
        trim(client_id) as client_id,
        trim(account_id) as account_id,
        upper(trim(type)) as disposition_type
    from source

)

select * from renamed
