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

{#-
    materialized_cte(): the keyword that makes a CTE a materialised step, for the unrolled power iterations of
    city_network (docs/architecture.md, "City network"). DuckDB's optimiser inlines a chain of single-use CTEs
    and its filter pushdown then grows exponentially with the chain's depth (20 steps took 18 s, 40 over two
    minutes); materialised, 210 steps take about a second. PostgreSQL 12+ reads the same `as materialized`.
    Spark SQL has no such keyword: empty there.
-#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro spark__materialized_cte() -%}
{%- endmacro %}

{#-
    deep_plan_hooks(): pre-hooks for a model whose plan is a deep chain of CTEs (city_network's unrolled
    iterations). Spark's analyser resolves one level of the chain per pass and stops at
    spark.sql.analyzer.maxIterations (100): "Max iterations (100) reached for batch Resolution" for 210 steps.
    On Spark these raise the analyser's and optimiser's limits for the session; on DuckDB and PostgreSQL
    nothing.
-#}
{% macro deep_plan_hooks() -%}
    {{ return(adapter.dispatch('deep_plan_hooks', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__deep_plan_hooks() -%}
    {{ return([]) }}
{%- endmacro %}

{% macro spark__deep_plan_hooks() -%}
    {{ return([
        'set spark.sql.analyzer.maxIterations = 1000',
        'set spark.sql.optimizer.maxIterations = 1000',
    ]) }}
{%- endmacro %}
