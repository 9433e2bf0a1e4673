{% macro report_build_outcome() %}
    {#-
        on-run-end: the last lines of a build's log say which as-of date it built and why, and
        the segmentation decision with its reason (make build prints them again after dbt's
        summary). Only what this build made: a line is left out when its model did not build.
    -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- for line in build_outcome_lines(results) -%}
        {%- do log(line, info=true) -%}
    {%- endfor -%}
{% endmacro %}

{% macro build_outcome_lines(results) %}
    {#- model name -> relation, of the models this build made (a hook cannot ref() them) -#}
    {%- set built = {} -%}
    {%- for result in results if result.node.resource_type == 'model'
        and result.status == 'success' -%}
        {%- do built.update({result.node.name: result.node.relation_name}) -%}
    {%- endfor -%}
    {%- set lines = [] -%}
    {%- if 'feature_window' in built -%}
        {%- for as_of_date, reason in run_query('select as_of_date, as_of_date_reason from '
            ~ built['feature_window']).rows -%}
            {%- do lines.append('As-of date ' ~ as_of_date ~ ': ' ~ reason ~ '.') -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if 'segmentation_decisions' in built and 'feature_window' in built -%}
        {%- for as_of_date, action, version, reason in run_query(
            'select as_of_date, action, model_version, reason from '
            ~ built['segmentation_decisions'] ~ ' where as_of_date = (select max(as_of_date) '
            ~ 'from ' ~ built['feature_window'] ~ ')').rows -%}
            {%- do lines.append('Segmentation on ' ~ as_of_date ~ ': ' ~ action ~ ' (model '
                ~ version ~ '): ' ~ reason) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(lines) }}
{% endmacro %}
