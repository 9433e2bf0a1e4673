{% test fit_warnings_absent(model) %}
    {#-
        The latest model version(s) of the registry whose fit logged warnings (warnings_json),
        each warning written to the build's log: what the Python fit said reaches the summary
        of `dbt build` as a WARN.
    -#}
    {%- set query -%}
        select distinct
            model_version,
            warnings_json
        from {{ model }}
        where
            as_of_date = (select max(as_of_date) from {{ model }})
            and warnings_json != '[]'
    {%- endset -%}
    {%- if execute and load_relation(model) is not none -%}
        {%- for row in run_query(query).rows -%}
            {%- for warning in fromjson(row[1]) -%}
                {%- do log("segmentation model " ~ row[0] ~ ": " ~ warning, info=true) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif %}

{{ query }}

{% endtest %}
