{% macro ordered_listagg(measure, delimiter_text, order_keys) %}
    {{- return(adapter.dispatch('ordered_listagg')(
        measure, delimiter_text, order_keys
    )) -}}
{% endmacro %}

{% macro default__ordered_listagg(measure, delimiter_text, order_keys) %}
    {{- dbt.listagg(measure, delimiter_text, 'order by ' ~ order_keys | join(', ')) -}}
{% endmacro %}

{#- dbt-spark's listagg ignores its order: sort structs of (keys..., value) instead. -#}
{% macro spark__ordered_listagg(measure, delimiter_text, order_keys) %}
    array_join(
        transform(
            array_sort(collect_list(named_struct(
                {%- for key in order_keys %}'k{{ loop.index }}', {{ key }}, {% endfor -%}
                'value', {{ measure }}
            ))),
            entry -> entry.value
        ),
        {{ delimiter_text }}
    )
{%- endmacro %}
