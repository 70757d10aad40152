{#-
    figure_number_text(expr): a figure's number as text for published_figure_checks' detail: a whole number
    without decimals ('20938'), any other to 3 decimals ('6.63', '0.947'), NULL as 'n/a'. round() with one
    argument: PostgreSQL has no round(double precision, integer).
-#}
{% macro figure_number_text(expr) -%}
    coalesce(
        case
            when {{ expr }} = round({{ expr }})
                then cast(cast({{ expr }} as bigint) as {{ dbt.type_string() }})
            else {{ rounded_text(expr, 3) }}
        end,
        'n/a'
    )
{%- endmacro %}
