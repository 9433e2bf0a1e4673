{% test verdict_reason_absent(model, reason) %}
    {#-
        The latest model version(s) of the registry whose verdict names `reason` (codes in
        bank_segmentation/clustering/verdict.py). Before the result, the build's log says it
        in words: "segmentation model <version> is weak: <reason>: <detail>".
    -#}
    {%- set query -%}
        select distinct
            model_version,
            verdict,
            verdict_reasons
        from {{ model }}
        where
            as_of_date = (select max(as_of_date) from {{ model }})
            and verdict_reasons like '%"{{ reason }}: %'
    {%- endset -%}
    {%- if execute and load_relation(model) is not none -%}
        {%- for row in run_query(query).rows -%}
            {%- for detail in fromjson(row[2]) if detail.startswith(reason ~ ': ') -%}
                {%- do log("segmentation model " ~ row[0] ~ " is " ~ row[1] ~ ": " ~ detail,
                    info=true) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif %}

{{ query }}

{% endtest %}
