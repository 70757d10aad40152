{#-
    One row per node of city_flows (the 11 GBA cities and 大湾区外, from dim_cities) with its network measures on
    the weighted directed graph of city_flows without self-loops: an edge per pair of different nodes with
    transfers, weighted by them (docs/architecture.md, "City network").
    - Degree: distinct other nodes it sends to (out) or receives from (in); strength: those transfers.
    - within_city_share: the city's own flows (city_flows.is_intra_city) over every transfer that touches it
      (own flows once, plus its in- and out-strength); NULL for 大湾区外, which is no city.
    - PageRank with damping 0.85, as networkx: x' = (1 - d)/N + d (x P), P the out-weight-normalised edges,
      a node without out-edges linking to every node alike; from x = 1/N.
    - HITS: authority a' = normalise(AᵀA a) from a = 1/N, then hub = normalise(A a); each sums to 1.
    Spark 3.5 has no WITH RECURSIVE, so both are a fixed number of power iterations unrolled by a Jinja loop,
    the same SQL on every engine, each step reading the previous step once and materialised where the engine
    can (materialized_cte(): DuckDB's optimiser is exponential in the depth of inlined steps); on Spark the
    pre-hooks raise the analyser's pass limit above the chain's depth (deep_plan_hooks()). PageRank's
    change shrinks by at least the damping per step (L1 at most 2 × 0.85^k): 150 steps bring it below 1e-10 on
    any graph. HITS shrinks by (σ2/σ1)² per step, which depends on the data: 60 steps reach 1e-10 whenever
    σ2/σ1 < 0.82; the bundled data needs 9 (python/tests/test_city_network.py checks it, and agreement with
    networkx).
-#}
{{ config(pre_hook=deep_plan_hooks()) }}
{%- set damping = 0.85 -%}
{%- set pagerank_iterations = 150 -%}
{%- set hits_iterations = 60 -%}
{%- set double = type_double() -%}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

city_flows as (

    select * from {{ ref('city_flows') }}

),

node_count as (

    select cast(count(*) as {{ double }}) as nodes
    from cities

),

links as (

    select
        source_city,
        destination_city,
        cast(transfers as {{ double }}) as weight
    from city_flows
    where source_city != destination_city

),

out_weights as (

    select
        source_city,
        sum(weight) as out_weight
    from links
    group by source_city

),

{# Every pair of nodes, with the probability of stepping from one to the other and the teleport term. #}
pagerank_links as (

    select
        sources.city as source_city,
        destinations.city as destination_city,
        case
            when out_weights.out_weight is null then cast(1 as {{ double }}) / node_count.nodes
            else coalesce(links.weight, cast(0 as {{ double }})) / out_weights.out_weight
        end as probability,
        cast({{ 1 - damping }} as {{ double }}) / node_count.nodes as teleport
    from cities as sources
    cross join cities as destinations
    cross join node_count
    left join out_weights
        on sources.city = out_weights.source_city
    left join links
        on sources.city = links.source_city and destinations.city = links.destination_city

),

pagerank_0 as (

    select
        cities.city,
        cast(1 as {{ double }}) / node_count.nodes as score
    from cities
    cross join node_count

),
{% for step in range(1, pagerank_iterations + 1) %}
    pagerank_{{ step }} as {{ materialized_cte() }} (

        select
            pagerank_links.destination_city as city,
            max(pagerank_links.teleport)
            + cast({{ damping }} as {{ double }}) * sum(previous.score * pagerank_links.probability) as score
        from pagerank_{{ step - 1 }} as previous
        inner join pagerank_links
            on previous.city = pagerank_links.source_city
        group by pagerank_links.destination_city

    ),
{% endfor %}
{# AᵀA: how strongly two nodes are co-cited (sent to by the same nodes), plus a zero row per node so that a
   node nothing is sent to stays in every step with authority 0. #}
cocitations as (

    select
        first_links.destination_city as from_city,
        second_links.destination_city as to_city,
        sum(first_links.weight * second_links.weight) as weight
    from links as first_links
    inner join links as second_links
        on first_links.source_city = second_links.source_city
    group by
        first_links.destination_city,
        second_links.destination_city
    union all
    select
        city as from_city,
        city as to_city,
        cast(0 as {{ double }}) as weight
    from cities

),

authority_0 as (

    select
        cities.city,
        cast(1 as {{ double }}) / node_count.nodes as score
    from cities
    cross join node_count

),
{% for step in range(1, hits_iterations + 1) %}
    authority_{{ step }} as {{ materialized_cte() }} (

        select
            cocitations.to_city as city,
            sum(previous.score * cocitations.weight)
            / nullif(sum(sum(previous.score * cocitations.weight)) over (), 0) as score
        from authority_{{ step - 1 }} as previous
        inner join cocitations
            on previous.city = cocitations.from_city
        group by cocitations.to_city

    ),
{% endfor %}
hub_weights as (

    select
        links.source_city as city,
        sum(links.weight * authority_{{ hits_iterations }}.score) as weight
    from links
    inner join authority_{{ hits_iterations }}
        on links.destination_city = authority_{{ hits_iterations }}.city
    group by links.source_city

),

hubs as (

    select
        cities.city,
        coalesce(hub_weights.weight, cast(0 as {{ double }}))
        / nullif(sum(coalesce(hub_weights.weight, cast(0 as {{ double }}))) over (), 0) as score
    from cities
    left join hub_weights
        on cities.city = hub_weights.city

),

outgoing as (

    select
        source_city as city,
        count(*) as out_degree,
        sum(weight) as out_strength
    from links
    group by source_city

),

incoming as (

    select
        destination_city as city,
        count(*) as in_degree,
        sum(weight) as in_strength
    from links
    group by destination_city

),

within_city as (

    select
        source_city as city,
        sum(transfers) as within_city_transfers
    from city_flows
    where is_intra_city
    group by source_city

),

measured as (

    select
        cities.city,
        cities.is_gba,
        coalesce(incoming.in_degree, 0) as in_degree,
        coalesce(outgoing.out_degree, 0) as out_degree,
        coalesce(incoming.in_strength, 0) as in_strength,
        coalesce(outgoing.out_strength, 0) as out_strength,
        case when cities.is_gba then coalesce(within_city.within_city_transfers, 0) end as within_city_transfers,
        pagerank_{{ pagerank_iterations }}.score as pagerank,
        hubs.score as hub_score,
        authority_{{ hits_iterations }}.score as authority_score
    from cities
    left join incoming
        on cities.city = incoming.city
    left join outgoing
        on cities.city = outgoing.city
    left join within_city
        on cities.city = within_city.city
    left join pagerank_{{ pagerank_iterations }}
        on cities.city = pagerank_{{ pagerank_iterations }}.city
    left join hubs
        on cities.city = hubs.city
    left join authority_{{ hits_iterations }}
        on cities.city = authority_{{ hits_iterations }}.city

),

final as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(is_gba as boolean) as is_gba,
        cast(in_degree as bigint) as in_degree,
        cast(out_degree as bigint) as out_degree,
        cast(in_strength as bigint) as in_strength,
        cast(out_strength as bigint) as out_strength,
        cast(within_city_transfers as bigint) as within_city_transfers,
        cast(
            within_city_transfers / nullif(
                cast(within_city_transfers + in_strength + out_strength as {{ double }}), 0
            ) as {{ double }}
        ) as within_city_share,
        cast(pagerank as {{ double }}) as pagerank,
        cast(rank() over (order by pagerank desc) as bigint) as pagerank_rank,
        cast(hub_score as {{ double }}) as hub_score,
        cast(rank() over (order by hub_score desc) as bigint) as hub_rank,
        cast(authority_score as {{ double }}) as authority_score,
        cast(rank() over (order by authority_score desc) as bigint) as authority_rank
    from measured

)

select * from final
