with

source as (

    select * from {{ source('berka', 'loan') }}

),

renamed as (

    select
        trim(loan_id) as loan_id,
        trim(account_id) as account_id,
        upper(trim(status)) as loan_status,
        try_cast(amount as decimal(18, 2)) as principal,
        try_cast(duration as integer) as term_months,
        try_cast(payments as decimal(18, 2)) as monthly_payment,
        {{ berka_date('date') }} as originated_date
    from source

)

select * from renamed
