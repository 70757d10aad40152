{#-
    great_circle_km(lat1, lon1, lat2, lon2): the great-circle distance in km between two points given in degrees
    (haversine, on a sphere of the Earth's mean radius, 6371.0088 km; docs/architecture.md, "Distance"). NULL
    when any coordinate is NULL. Plain SQL functions every engine has (radians, sin, cos, asin, sqrt), so no
    dispatch: the same expression on DuckDB, PostgreSQL and Spark. least() keeps rounding from taking asin
    past 1; the explicit NULL case is needed because DuckDB's least() ignores a NULL argument.
-#}
{% macro great_circle_km(lat1, lon1, lat2, lon2) -%}
    case
        when {{ lat1 }} is not null and {{ lon1 }} is not null and {{ lat2 }} is not null and {{ lon2 }} is not null
            then 2 * 6371.0088 * asin(sqrt(least(1.0,
                power(sin(radians({{ lat2 }} - {{ lat1 }}) / 2), 2)
                + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }}))
                * power(sin(radians({{ lon2 }} - {{ lon1 }}) / 2), 2)
            )))
    end
{%- endmacro %}

{#-
    percentile_cont(expr, fraction): the continuous percentile of expr over the group (linear interpolation
    between the two nearest values, as numpy's default and PostgreSQL's percentile_cont; NULLs ignored), the
    one percentile definition of every mart (docs/architecture.md, "Distance"). An aggregate. Spark's
    percentile() is the same definition (exact, interpolated); its percentile_approx is not used.
-#}
{% macro percentile_cont(expr, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont', 'gba_tech_transfer')(expr, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(expr, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expr }})
{%- endmacro %}

{% macro spark__percentile_cont(expr, fraction) -%}
    percentile({{ expr }}, {{ fraction }})
{%- endmacro %}
