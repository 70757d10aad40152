{#-
    The power iterations of city_network, by repeated squaring (docs/architecture.md#city-network). A matrix is
    a relation of (measure, from_city, to_city, weight): one matrix per measure, PageRank's transition matrix and
    HITS's AᵀA (authority) and AAᵀ (hub), so all are squared by the same statements. Squaring a matrix k times gives
    its 2^k-th power: 2^k power iterations in k steps, each reading the previous step twice. Spark 3.5 has no
    WITH RECURSIVE and inlines every deterministic CTE at each reference, so a model may hold only a few
    squarings (k steps read the first matrix 2^k times), and only of a table: city_network_matrices (the
    matrices), city_network_powers (four squarings) and city_network (four more).
-#}

{#-
    ordered_sum(expression, partition_by, order_by): the sum of expression over the window partition, computed
    over the partition sorted by order_by (unique within it), so that it does not depend on the order the rows
    arrive in (the engine may combine the sorted terms in a tree, but the same tree every time): floating-point
    addition is not associative, and a GROUP BY adds in arrival order, which differs between two builds of the
    same rows (a glob read in parallel). A window expression, for a SELECT list.
-#}
{% macro ordered_sum(expression, partition_by, order_by) -%}
    sum({{ expression }}) over (
        partition by {{ partition_by }} order by {{ order_by }} rows between unbounded preceding and unbounded following
    )
{%- endmacro %}

{#-
    matrix_scaled(relation): the matrix divided by the sum of its entries (per measure), so that no power of it
    overflows; an entry below 1e-150 of that sum becomes 0, so that no product of two entries underflows
    (PostgreSQL raises an error on a floating-point underflow; DuckDB and Spark round to 0). A power
    iteration's result is normalised at the end, so neither changes it (an entry that small moves no score by
    1e-12). A SELECT, for the body of a CTE.
-#}
{% macro matrix_scaled(relation) -%}
    {%- set double = type_double() -%}
    {%- set total = ordered_sum('weight', 'measure', 'from_city, to_city') -%}
    select
        measure,
        from_city,
        to_city,
        case
            when weight < cast(1e-150 as {{ double }}) * {{ total }}
                then cast(0 as {{ double }})
            else weight / {{ total }}
        end as weight
    from {{ relation }}
{%- endmacro %}

{#-
    matrix_squarings(start, prefix, squarings): CTEs <prefix>_1 … <prefix>_<squarings>, each the previous one
    (start for the first) times itself, scaled (matrix_scaled), so <prefix>_k holds start^(2^k) up to scale.
    An entry of a product is the ordered_sum of its terms, by the city between (via_city). Each squaring is
    materialised where the engine can (materialized_cte()): inlined, the k-th would repeat the first matrix
    2^k times. Every CTE ends with a comma: the model's next CTE follows.
-#}
{% macro matrix_squarings(start, prefix, squarings) -%}
    {%- set entry = 'lefts.measure, lefts.from_city, rights.to_city' -%}
    {%- for step in range(1, squarings + 1) %}
        {%- set previous = start if step == 1 else prefix ~ '_' ~ (step - 1) %}
        {%- if not loop.first %}
{# a blank line between two CTEs #}
        {%- endif %}
{{ prefix }}_{{ step }}_products as (

    select
        lefts.measure,
        lefts.from_city,
        rights.to_city,
        {{ ordered_sum('lefts.weight * rights.weight', entry, 'lefts.to_city') }} as weight,
        row_number() over (partition by {{ entry }} order by lefts.to_city) as term
    from {{ previous }} as lefts
    inner join {{ previous }} as rights
        on lefts.measure = rights.measure and lefts.to_city = rights.from_city

),

{{ prefix }}_{{ step }}_sums as (

    select
        measure,
        from_city,
        to_city,
        weight
    from {{ prefix }}_{{ step }}_products
    where term = 1

),

{{ prefix }}_{{ step }} as {{ materialized_cte() }} (

    {{ matrix_scaled(prefix ~ '_' ~ step ~ '_sums') }}

),
    {%- endfor %}
{%- endmacro %}

{#-
    materialized_cte(): the keyword that makes a CTE a materialised step. DuckDB's optimiser inlines a chain of
    CTEs and its filter pushdown then grows exponentially with the chain's depth; PostgreSQL 12+ reads the same
    `as materialized`. Spark SQL has no such keyword: empty there (a model on Spark keeps its chains short).
-#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro spark__materialized_cte() -%}
{%- endmacro %}
