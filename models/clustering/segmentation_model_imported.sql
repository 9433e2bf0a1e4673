{#- The model registry fitted elsewhere, read from var segmentation_model_path (Parquet). -#}
{{ config(enabled=segmentation_model_path() != '') }}

select * from {{ parquet_file(segmentation_model_path()) }}
