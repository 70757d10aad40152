{#-
    normalize_ipc(expr): an IPC code (or a ';'-separated list of them) full-width folded, every space
    removed, upper-cased, and each edition suffix dropped: 'A61K 31/4745', 'A61K31/4745', 'a61k   31/4745',
    'Ａ６１Ｋ ３１／４７４５', 'A61K 31/4745 (2006.01)' -> 'A61K31/4745'. '' becomes NULL.
-#}
{% macro normalize_ipc(expr) -%}
    {{ return(adapter.dispatch('normalize_ipc', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro default__normalize_ipc(expr) -%}
    {#- folded text holds no whitespace but single spaces; an edition is '(YYYY.MM)' after the code. -#}
    nullif({{ regexp_replace_all(
        'upper(replace(' ~ fold_width(expr) ~ ", ' ', ''))",
        '[(][0-9]{4}[.][0-9]{1,2}[)]',
        ''
    ) }}, '')
{%- endmacro %}
