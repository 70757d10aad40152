{#-
    List (array) helpers used by intermediate models, so the array syntax of the engine stays in macros.

    unnest_with_position(list_expr, value_name, position_name): select-list items that turn a row into one
        row per list element, with the element's 1-based position.
    unnest_positions(length_expr, position_name): a select-list item giving one row per position
        1 .. length_expr (no row when length_expr is 0 or NULL).
    count_distinct_prefixes(list_expr, n): how many distinct n-character prefixes the list's elements have
        (0 for an empty list).
-#}
{% macro unnest_with_position(list_expr, value_name, position_name) -%}
    {{ return(adapter.dispatch('unnest_with_position', 'gba_tech_transfer')(list_expr, value_name, position_name)) }}
{%- endmacro %}

{% macro duckdb__unnest_with_position(list_expr, value_name, position_name) -%}
    unnest({{ list_expr }}) as {{ value_name }},
    generate_subscripts({{ list_expr }}, 1) as {{ position_name }}
{%- endmacro %}

{% macro unnest_positions(length_expr, position_name) -%}
    {{ return(adapter.dispatch('unnest_positions', 'gba_tech_transfer')(length_expr, position_name)) }}
{%- endmacro %}

{% macro duckdb__unnest_positions(length_expr, position_name) -%}
    unnest(range(1, coalesce({{ length_expr }}, 0) + 1)) as {{ position_name }}
{%- endmacro %}

{% macro count_distinct_prefixes(list_expr, n) -%}
    {{ return(adapter.dispatch('count_distinct_prefixes', 'gba_tech_transfer')(list_expr, n)) }}
{%- endmacro %}

{% macro duckdb__count_distinct_prefixes(list_expr, n) -%}
    length(list_distinct(list_transform(coalesce({{ list_expr }}, []), lambda code: left(code, {{ n }}))))
{%- endmacro %}

{#- list_size(list_expr): number of elements (0 for NULL). -#}
{% macro list_size(list_expr) -%}
    {{ return(adapter.dispatch('list_size', 'gba_tech_transfer')(list_expr)) }}
{%- endmacro %}

{% macro duckdb__list_size(list_expr) -%}
    coalesce(len({{ list_expr }}), 0)
{%- endmacro %}
