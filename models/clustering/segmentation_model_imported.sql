{#- The model registry fitted elsewhere, read from var segmentation_model_path
    (Parquet). -#}
{{ config(enabled=segmentation_model_path() != '') }}

-- every column of the registry file, as segmentation_model wrote them
select * from {{ parquet_file(segmentation_model_path()) }}  -- noqa: AM04
