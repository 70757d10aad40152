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

{#-
    unnest_list(list_expr, value_name): a select-list item giving one row per list element (no position).
    split_nonempty(text_expr, delimiter): the text split on a literal delimiter, empty pieces dropped.
    list_prepend(element_expr, list_expr): the list with one element in front.
    list_distinct_ordered(list_expr): the list's distinct non-NULL elements, in order of first occurrence.
-#}
{% macro unnest_list(list_expr, value_name) -%}
    {{ return(adapter.dispatch('unnest_list', 'gba_tech_transfer')(list_expr, value_name)) }}
{%- endmacro %}

{% macro duckdb__unnest_list(list_expr, value_name) -%}
    unnest({{ list_expr }}) as {{ value_name }}
{%- endmacro %}

{% macro split_nonempty(text_expr, delimiter) -%}
    {{ return(adapter.dispatch('split_nonempty', 'gba_tech_transfer')(text_expr, delimiter)) }}
{%- endmacro %}

{% macro duckdb__split_nonempty(text_expr, delimiter) -%}
    list_filter(string_split({{ text_expr }}, {{ string_literal(delimiter) }}), lambda name: name != '')
{%- endmacro %}

{% macro list_prepend(element_expr, list_expr) -%}
    {{ return(adapter.dispatch('list_prepend', 'gba_tech_transfer')(element_expr, list_expr)) }}
{%- endmacro %}

{% macro duckdb__list_prepend(element_expr, list_expr) -%}
    list_prepend({{ element_expr }}, {{ list_expr }})
{%- endmacro %}

{% macro list_distinct_ordered(list_expr) -%}
    {{ return(adapter.dispatch('list_distinct_ordered', 'gba_tech_transfer')(list_expr)) }}
{%- endmacro %}

{% macro duckdb__list_distinct_ordered(list_expr) -%}
    list_transform(
        list_filter(
            generate_series(1, len({{ list_expr }})),
            lambda i: ({{ list_expr }})[i] is not null and list_position({{ list_expr }}, ({{ list_expr }})[i]) = i
        ),
        lambda i: ({{ list_expr }})[i]
    )
{%- endmacro %}

{#- list_element(list_expr, position_expr): the element at a 1-based position; NULL when the position is NULL or
    past the end. -#}
{% macro list_element(list_expr, position_expr) -%}
    {{ return(adapter.dispatch('list_element', 'gba_tech_transfer')(list_expr, position_expr)) }}
{%- endmacro %}

{% macro default__list_element(list_expr, position_expr) -%}
    {{ list_expr }}[{{ position_expr }}]
{%- endmacro %}

{% macro spark__list_element(list_expr, position_expr) -%}
    element_at({{ list_expr }}, cast({{ position_expr }} as integer))
{%- endmacro %}
