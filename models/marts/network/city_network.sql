{#-
    One row per node of city_flows (the 11 GBA cities and 大湾区外, from dim_cities) with its network measures on
    the weighted directed graph of city_flows without self-loops: an edge per pair of different nodes with
    transfers, weighted by them (docs/architecture.md#city-network).
    - Degree: distinct other nodes it receives from (source_cities, in-degree) or sends to (destination_cities,
      out-degree); strength: those transfers (transfers_from_other_cities, transfers_to_other_cities).
    - within_city_share: the city's own flows (city_flows.is_intra_city) over every transfer that touches it
      (own flows once, plus its transfers from and to other nodes); NULL for 大湾区外, which is no city.
    - PageRank with damping 0.85, as networkx: x' = x P, P the transition matrix of city_network_matrices
      (teleport included); from x = 1/N.
    - HITS: authority a' = normalise(AᵀA a) and hub h' = normalise(AAᵀ h), from 1/N; each sums to 1.
    Spark 3.5 has no WITH RECURSIVE, so both are a fixed number of power iterations, the same SQL on every
    engine, computed by repeated squaring (macros/network.sql): city_network_powers holds P^16, (AᵀA)^16 and
    (AAᵀ)^16, and four more squarings here give the 256th powers. From x = 1/N the scores are then the
    normalised column sums, added up in a fixed order (ordered_sum()). PageRank's L1 change after k steps is
    at most 2 x 0.85^k on any graph (below 1e-10 from k = 147);
    HITS's shrinks by (σ2/σ1)² per step, which depends on the data: 256 steps reach 1e-10 whenever
    σ2/σ1 < 0.95 (python/tests/test_city_network.py checks it on the built data, and agreement with networkx).
-#}
{%- set squarings = 4 -%}
{%- set double = type_double() -%}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

city_flows as (

    select * from {{ ref('city_flows') }}

),

powers_16 as (

    select
        measure,
        from_city,
        to_city,
        weight
    from {{ ref('city_network_powers') }}

),

links as (

    select
        source_city,
        destination_city,
        cast(transfers as {{ double }}) as weight
    from city_flows
    where source_city != destination_city

),
{{ matrix_squarings('powers_16', 'squared', squarings) }}
{# From x = 1/N, x M^k is M^k's column sums over N: normalised, the column sums. #}
column_terms as (

    select
        measure,
        to_city as city,
        {{ ordered_sum('weight', 'measure, to_city', 'from_city') }} as weight,
        row_number() over (partition by measure, to_city order by from_city) as term
    from squared_{{ squarings }}

),

column_sums as (

    select
        measure,
        city,
        weight
    from column_terms
    where term = 1

),

scores as (

    select
        measure,
        city,
        weight / {{ ordered_sum('weight', 'measure', 'city') }} as score
    from column_sums

),

{# One row per node: the chain of squarings is read once (Spark would repeat it at each reference). #}
scores_by_city as (

    select
        city,
        max(case when measure = 'pagerank' then score end) as pagerank,
        max(case when measure = 'hub' then score end) as hub_score,
        max(case when measure = 'authority' then score end) as authority_score
    from scores
    group by city

),

outgoing as (

    select
        source_city as city,
        count(*) as destination_cities,
        sum(weight) as transfers_to_other_cities
    from links
    group by source_city

),

incoming as (

    select
        destination_city as city,
        count(*) as source_cities,
        sum(weight) as transfers_from_other_cities
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
        coalesce(incoming.source_cities, 0) as source_cities,
        coalesce(outgoing.destination_cities, 0) as destination_cities,
        coalesce(incoming.transfers_from_other_cities, 0) as transfers_from_other_cities,
        coalesce(outgoing.transfers_to_other_cities, 0) as transfers_to_other_cities,
        case when cities.is_gba then coalesce(within_city.within_city_transfers, 0) end as within_city_transfers,
        scores_by_city.pagerank,
        coalesce(scores_by_city.hub_score, cast(0 as {{ double }})) as hub_score,
        coalesce(scores_by_city.authority_score, cast(0 as {{ double }})) as authority_score
    from cities
    left join incoming
        on cities.city = incoming.city
    left join outgoing
        on cities.city = outgoing.city
    left join within_city
        on cities.city = within_city.city
    left join scores_by_city
        on cities.city = scores_by_city.city

),

final as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(is_gba as boolean) as is_gba,
        cast(source_cities as bigint) as source_cities,
        cast(destination_cities as bigint) as destination_cities,
        cast(transfers_from_other_cities as bigint) as transfers_from_other_cities,
        cast(transfers_to_other_cities as bigint) as transfers_to_other_cities,
        cast(within_city_transfers as bigint) as within_city_transfers,
        cast(
            within_city_transfers / nullif(
                cast(
                    within_city_transfers + transfers_from_other_cities + transfers_to_other_cities as {{ double }}
                ),
                0
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
