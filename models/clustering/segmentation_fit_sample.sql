{#-
    The customers a model is fitted on: all of them up to var max_fit_rows, above it the
    max_fit_rows customers first in the order of the md5 hash of their id. Chosen here, in
    SQL, so that every engine fits on the same customers (the dbt Python model on DuckDB, the
    fit on the Spark driver, bank_segmentation.driver_fit) and a customer stays in the sample
    from month to month while present. A view: a month that only scores never reads it.
-#}
{{ config(materialized='view') }}

with

features as (

    select * from {{ ref('int_customer_features') }}

),

hashed as (

    select
        features.*,
        md5(cast(features.customer_id as {{ dbt.type_string() }})) as sample_key,
        count(*) over () as population_customers
    from features

)

select * from hashed  -- noqa: AM04
order by sample_key
limit {{ var('max_fit_rows') }}
