{#-
    unique_combination_of_columns(model, combination_of_columns): a composite key. Fails with each
    combination of the columns that occurs on more than one row.
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

combinations as (

    select
        {{ combination_of_columns | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}

),

duplicates as (

    select * from combinations
    where n_rows > 1

)

select * from duplicates

{% endtest %}
