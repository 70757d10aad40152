{#-
    Helpers for writing the same text on every engine. DuckDB and PostgreSQL read standard SQL string
    literals (a backslash is just a backslash, a quote is doubled); Spark reads C-style escapes (a backslash
    escapes the next character, so a regular expression's \d must be written \\d, and a quote is \').

    string_literal(text): `text` as a string literal of the engine.
    regex_literal(pattern): a regular expression (RE2/Java syntax as written in the macros) as a string
        literal of the engine, translated where the engine's dialect differs (PostgreSQL: \p{Han}; Spark: \p{IsHan}).
    han_class(): PostgreSQL's bracket expression for RE2's \p{Han} (Unicode 15 Han script: CJK radicals,
        Kangxi radicals, 々〇〡-〩〸-〻, unified ideographs and extensions A-H, compatibility ideographs).
-#}
{% macro string_literal(text) -%}
    {{ return(adapter.dispatch('string_literal', 'gba_tech_transfer')(text)) }}
{%- endmacro %}

{% macro default__string_literal(text) -%}
    {{ return("'" ~ (text | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{% macro spark__string_literal(text) -%}
    {{ return("'" ~ (text | replace('\\', '\\\\') | replace("'", "\\'")) ~ "'") }}
{%- endmacro %}

{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal', 'gba_tech_transfer')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    {{ return(string_literal(pattern)) }}
{%- endmacro %}

{% macro spark__regex_literal(pattern) -%}
    {#- Java's \p{IsHan} is the Han script, like RE2's \p{Han}. -#}
    {{ return(string_literal(pattern | replace('\\p{Han}', '\\p{IsHan}'))) }}
{%- endmacro %}

{% macro postgres__regex_literal(pattern) -%}
    {#- \d and \D are RE2's ASCII digits here too ([[:digit:]] is 0-9 in every POSIX locale). -#}
    {{ return(string_literal(pattern | replace('\\p{Han}', han_class()))) }}
{%- endmacro %}

{% macro han_class() -%}
    {{ return(
        '[\\u2E80-\\u2E99\\u2E9B-\\u2EF3\\u2F00-\\u2FD5\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B'
        ~ '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFA6D\\uFA70-\\uFAD9'
        ~ '\\U00016FE2\\U00016FE3\\U00016FF0\\U00016FF1'
        ~ '\\U00020000-\\U0002A6DF\\U0002A700-\\U0002B739\\U0002B740-\\U0002B81D\\U0002B820-\\U0002CEA1'
        ~ '\\U0002CEB0-\\U0002EBE0\\U0002F800-\\U0002FA1D\\U00030000-\\U0003134A\\U00031350-\\U000323AF]'
    ) }}
{%- endmacro %}

{#-
    computed_once(): written between a CTE's `as` and its body (`judged as {{ computed_once() }} (`) where a
    later step refers to one of its columns many times. PostgreSQL inlines a CTE that is read once into the
    query that reads it, repeating a column's whole expression at every reference (it has no common-
    subexpression elimination): `materialized` keeps the CTE a step of its own, computed once. DuckDB and
    Spark compute each step's columns once as they are, so elsewhere it is nothing.
-#}
{% macro computed_once() -%}
    {{ return(adapter.dispatch('computed_once', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__computed_once() -%}
    {{ return('') }}
{%- endmacro %}

{% macro postgres__computed_once() -%}
    {{ return('materialized') }}
{%- endmacro %}

{#-
    first_by(value, order_by): an aggregate: the value on the row with the smallest order_by of the group (unique
    within it), rows whose order_by is NULL left out; NULL when every one is. One pass over the rows, where the
    smallest order_by joined back to the rows would read them twice more.
-#}
{% macro first_by(value, order_by) -%}
    {{ return(adapter.dispatch('first_by', 'gba_tech_transfer')(value, order_by)) }}
{%- endmacro %}

{% macro default__first_by(value, order_by) -%}
    arg_min({{ value }}, {{ order_by }})
{%- endmacro %}

{% macro postgres__first_by(value, order_by) -%}
    (array_agg({{ value }} order by {{ order_by }}) filter (where {{ order_by }} is not null))[1]
{%- endmacro %}

{% macro spark__first_by(value, order_by) -%}
    min_by({{ value }}, {{ order_by }})
{%- endmacro %}

{#-
    last_by(value, order_by): an aggregate: the value on the row whose order_by, a list of expressions compared in
    turn, is greatest in the group (unique within it; the expressions not NULL). One pass over the rows, where a
    window ranking them and a filter on the rank sorts every group.
-#}
{% macro last_by(value, order_by) -%}
    {{ return(adapter.dispatch('last_by', 'gba_tech_transfer')(value, order_by)) }}
{%- endmacro %}

{% macro default__last_by(value, order_by) -%}
    arg_max({{ value }}, row({{ order_by | join(', ') }}))
{%- endmacro %}

{% macro postgres__last_by(value, order_by) -%}
    (array_agg({{ value }} order by {{ order_by | join(' desc, ') }} desc))[1]
{%- endmacro %}

{% macro spark__last_by(value, order_by) -%}
    max_by({{ value }}, struct({{ order_by | join(', ') }}))
{%- endmacro %}

{#-
    regexp_replace_all(expr, pattern, replacement): every match of the regular expression (written as for
    regex_literal) replaced by the literal replacement text (no group references).
-#}
{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'gba_tech_transfer')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ regex_literal(pattern) }}, {{ string_literal(replacement) }}, 'g')
{%- endmacro %}
