{#-
    equal_row_count(model, compare_model): a row-count reconciliation between layers. Fails with one row
    holding both counts when the model and compare_model differ in number of rows.
-#}
{% test equal_row_count(model, compare_model) %}

with

model_rows as (

    select count(*) as n_rows from {{ model }}

),

compare_model_rows as (

    select count(*) as n_rows from {{ compare_model }}

),

mismatches as (

    select
        model_rows.n_rows as model_row_count,
        compare_model_rows.n_rows as compare_model_row_count
    from model_rows
    cross join compare_model_rows
    where model_rows.n_rows != compare_model_rows.n_rows

)

select * from mismatches

{% endtest %}
