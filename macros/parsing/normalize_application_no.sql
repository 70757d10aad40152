{#-
    normalize_application_no(expr): the cleaned application number, body followed by its check character,
    no separators: upper-cased, full-width folded, spaces and dots removed, a leading CN / ZL dropped.
    'ZL 201910123456.7' -> '2019101234567'. Validity (8 or 12 digits + check) is tested in staging.
-#}
{% macro normalize_application_no(expr) -%}
    {{ return(adapter.dispatch('normalize_application_no', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro default__normalize_application_no(expr) -%}
    {#- folded text holds no whitespace but single spaces -#}
    regexp_replace(
        replace(replace(upper({{ fold_width(expr) }}), ' ', ''), '.', ''),
        '^(CN|ZL)+', ''
    )
{%- endmacro %}
