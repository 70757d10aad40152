{#-
    The per-column generic tests (tests/generic/not_null_columns.sql, accepted_values_columns.sql,
    relationships_columns.sql) scan their model once for all the listed columns, then turn what they found into
    a row per column by a cross join to the columns' numbers. Not by a union of one select per column: Spark
    inlines a common table expression at each reference, so each select of such a union scanned the model
    again (docs/benchmark.md, "Engines side by side").

    column_numbers(column_names): a relation with one row per listed column, its number (column_number, 1..n).
    by_column_number(number, column_names, value_prefix=none): a case on a column's number giving the column's
        name as text, or with value_prefix the expression <value_prefix><number> (e.g. null_counts.null_rows_2).
-#}
{% macro column_numbers(column_names) -%}
    select * from (
        values
        {%- for column in column_names %}
            ({{ loop.index }}){% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as listed_columns (column_number)
{%- endmacro %}

{% macro by_column_number(number, column_names, value_prefix=none) -%}
    case {{ number }}
        {%- for column in column_names %}
        when {{ loop.index }} then {{ (value_prefix ~ loop.index) if value_prefix else string_literal(column) }}
        {%- endfor %}
    end
{%- endmacro %}
