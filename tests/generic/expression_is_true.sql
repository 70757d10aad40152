{#-
    expression_is_true(model, expression, column_name=none): fails with each row for which the boolean
    SQL expression is not true (false or NULL). Used at model level or on a column (the expression is then
    written in terms of that column).
-#}
{% test expression_is_true(model, expression, column_name=none) %}

with

violations as (

    select * from {{ model }}
    where not coalesce({{ expression }}, false)

)

select * from violations

{% endtest %}
