{#-
    accepted_values_columns(model, columns): each listed column holds only its accepted values. columns maps a
    column to its list of values (text compared quoted, numbers and booleans as they are); NULL passes, as in
    dbt's accepted_values. Fails with one row per column and value that is not accepted, naming both and how
    many rows hold it.

    The same assertion as dbt's accepted_values on each column, made in one scan of the model and one dbt node,
    as not_null_columns does for NULLs: each node costs dbt a compile and a round trip, and on Spark a scan
    (docs/benchmark.md). The rejected values are turned into a row per column by a join to the columns'
    numbers, not by a union of one select per column, which Spark would run as one scan per column.
-#}
{% test accepted_values_columns(model, columns) %}

{%- set accepted = [] -%}
{%- for column, values in columns.items() -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append(string_literal(value) if value is string else (value | string | lower)) -%}
    {%- endfor -%}
    {%- do accepted.append((column, literals | join(', '))) -%}
{%- endfor %}

with

rejected_rows as (

    select
        {%- for column, literals in accepted %}
        case
            when {{ column }} not in ({{ literals }}) then cast({{ column }} as {{ dbt.type_string() }})
        end as rejected_{{ loop.index }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ model }}
    where
        {%- for column, literals in accepted %}
        {{ column }} not in ({{ literals }}){% if not loop.last %} or{% endif %}
        {%- endfor %}

),

column_numbers as (

    select * from (
        values
        {%- for column, literals in accepted %}
            ({{ loop.index }}){% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as listed_columns (column_number)

),

rejected_values as (

    select
        case column_numbers.column_number
            {%- for column, literals in accepted %}
            when {{ loop.index }} then '{{ column }}'
            {%- endfor %}
        end as column_name,
        case column_numbers.column_number
            {%- for column, literals in accepted %}
            when {{ loop.index }} then rejected_rows.rejected_{{ loop.index }}
            {%- endfor %}
        end as rejected_value
    from rejected_rows
    cross join column_numbers

)

select
    column_name,
    rejected_value,
    count(*) as n_records
from rejected_values
where rejected_value is not null
group by column_name, rejected_value

{% endtest %}
