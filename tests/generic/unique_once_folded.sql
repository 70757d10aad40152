{#-
    unique_once_folded(model, column_name): fails with one row per folded value that more than one row holds,
    the value folded as a header name is folded before it is looked up: fold_width() (full-width to
    half-width, whitespace collapsed), spaces removed, lower-cased. Raw uniqueness alone lets
    'Application Number' and 'applicationnumber' both be rows.
-#}
{% test unique_once_folded(model, column_name) %}

with

folded as (

    select
        lower(replace({{ fold_width(column_name) }}, ' ', '')) as folded_value,
        {{ column_name }} as raw_value
    from {{ model }}
    where {{ column_name }} is not null

),

collisions as (

    select
        folded_value,
        count(*) as rows_with_it,
        min(raw_value) as first_raw_value,
        max(raw_value) as last_raw_value
    from folded
    group by folded_value
    having count(*) > 1

)

select * from collisions

{% endtest %}
