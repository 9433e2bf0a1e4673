{% macro score_among_active(order_by) %}
    {#-
        1-5 score by cumulative distribution among active customers (equal values get equal
        scores); 1 for inactive customers. Expects columns is_active and the order_by expression.
    -#}
    case
        when is_active
            then cast(ceil(5 * cume_dist() over (
                partition by is_active order by {{ order_by }}
            )) as integer)
        else 1
    end
{% endmacro %}
