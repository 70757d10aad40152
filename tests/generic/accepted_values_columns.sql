{#-
    accepted_values_columns(model, columns): each listed column holds only its accepted values. columns maps a
    column to its list of values (text compared quoted, numbers and booleans as they are); NULL passes, as in
    dbt's accepted_values. Fails with one row per column and value that is not accepted, naming both and how
    many rows hold it.

    The same assertion as dbt's accepted_values on each column, made in one scan of the model and one dbt node,
    as not_null_columns does for NULLs: each node costs dbt a compile and a round trip, and on Spark a scan
    (docs/benchmark.md). The rejected values are turned into a row per column by a join to the columns'
    numbers (macros/tests/columns_as_rows.sql).
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
{%- set column_names = columns.keys() | list %}

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

    {{ column_numbers(column_names) }}

),

rejected_values as (

    select
        {{ by_column_number('column_numbers.column_number', column_names) }} as column_name,
        {{ by_column_number('column_numbers.column_number', column_names, 'rejected_rows.rejected_') }}
            as rejected_value
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
