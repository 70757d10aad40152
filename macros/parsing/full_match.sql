{#- full_match(expr, pattern): true when the whole of expr matches the regular expression (RE2 syntax). -#}
{% macro full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'gba_tech_transfer')(expr, pattern)) }}
{%- endmacro %}

{% macro duckdb__full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}
