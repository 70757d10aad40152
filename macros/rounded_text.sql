{#-
    rounded_text(expr, digits): a number rounded to `digits` decimals, as text, for detail strings:
    DuckDB's cast(round(x, digits) as varchar) ('3807.1', '0.123', '5.0'); the other engines print the same.
-#}
{% macro rounded_text(expr, digits) -%}
    {{ return(adapter.dispatch('rounded_text', 'gba_tech_transfer')(expr, digits)) }}
{%- endmacro %}

{% macro default__rounded_text(expr, digits) -%}
    cast(round({{ expr }}, {{ digits }}) as varchar)
{%- endmacro %}
