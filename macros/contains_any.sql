{#-
    contains_any(expr, needles): true when expr contains at least one of the literal strings in needles
    (a Jinja list, unrolled at compile time into `like` tests; the needles hold no % or _).
-#}
{% macro contains_any(expr, needles) -%}
    ({% for needle in needles %}{{ expr }} like '%{{ needle | replace("'", "''") }}%'{% if not loop.last %} or {% endif %}{% endfor %})
{%- endmacro %}
