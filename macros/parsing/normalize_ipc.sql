{#-
    normalize_ipc(expr): an IPC code with every space removed, upper-cased, full-width folded:
    'A61K 31/4745', 'A61K31/4745', 'a61k   31/4745' -> 'A61K31/4745'. '' becomes NULL.
-#}
{% macro normalize_ipc(expr) -%}
    {{ return(adapter.dispatch('normalize_ipc', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro default__normalize_ipc(expr) -%}
    {#- folded text holds no whitespace but single spaces -#}
    nullif(upper(replace({{ fold_width(expr) }}, ' ', '')), '')
{%- endmacro %}
