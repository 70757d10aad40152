{#-
    relationships_columns(model, column_names, to, field): every value of each listed column is a `field` of
    `to`. NULL passes, as in dbt's relationships. Fails with one row per column and value that `to` does not
    hold, naming both.

    The same assertion as dbt's relationships on each column, made in one dbt node and one scan of each model
    for all the columns of a model that point at the same parent (a flow's two cities, a fact's four): each
    node costs dbt a compile and a round trip, and on Spark a job or two (docs/benchmark.md). The model's
    distinct combinations are read once and turned into a row per column by a join to the columns' numbers
    (macros/tests/columns_as_rows.sql).
-#}
{% test relationships_columns(model, column_names, to, field) %}

with

child_combinations as (

    select distinct
        {%- for column in column_names %}
        {{ column }} as value_{{ loop.index }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ model }}

),

column_numbers as (

    {{ column_numbers(column_names) }}

),

child_values as (

    select
        column_numbers.column_number,
        {{ by_column_number('column_numbers.column_number', column_names, 'child_combinations.value_') }}
            as child_value
    from child_combinations
    cross join column_numbers

),

parent_values as (

    {#- Not made distinct: a value the parent holds twice matches twice, and only values matching none are
        kept. #}
    select {{ field }} as parent_value
    from {{ to }}
    where {{ field }} is not null

),

orphans as (

    select
        child_values.column_number,
        child_values.child_value
    from child_values
    left join parent_values
        on child_values.child_value = parent_values.parent_value
    where
        child_values.child_value is not null
        and parent_values.parent_value is null

)

select distinct
    {{ by_column_number('orphans.column_number', column_names) }} as column_name,
    cast(orphans.child_value as {{ dbt.type_string() }}) as orphan_value
from orphans

{% endtest %}
