{#-
    One row per measure x from_city x to_city: the three matrices of city_network's power iterations on the
    weighted directed graph of city_flows without self-loops, each scaled to sum to 1
    (docs/architecture.md#city-network; macros/network.sql). city_network_powers raises them to the 16th power,
    city_network to the 256th (2^8 power iterations), and reads the scores off.
    - pagerank: the transition matrix of PageRank with damping 0.85, as networkx: from a node, 0.85 x its share
      of the node's out-weight plus 0.15/N to every node; a node without out-edges steps to every node alike.
      Every row sums to 1, so x P^k is the power iteration from x.
    - authority: HITS's co-citation matrix AᵀA (how strongly two nodes are sent to by the same nodes), with no
      row for a pair of nodes no node sends to both of (a node nothing is sent to has none: authority 0).
    - hub: HITS's bibliographic-coupling matrix AAᵀ (how strongly two nodes send to the same nodes), likewise.
      Its power iteration gives the hub scores as AᵀA's gives the authorities (both are A's principal singular
      vectors, as networkx.hits computes them), so city_network reads every score the same way.
-#}
{%- set damping = 0.85 -%}
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

{# Every pair of nodes: the probability of stepping from one to the other, teleport included. #}
pagerank_matrix as (

    select
        'pagerank' as measure,
        sources.city as from_city,
        destinations.city as to_city,
        cast({{ damping }} as {{ double }}) * case
            when out_weights.out_weight is null then cast(1 as {{ double }}) / node_count.nodes
            else coalesce(links.weight, cast(0 as {{ double }})) / out_weights.out_weight
        end
        + cast({{ 1 - damping }} as {{ double }}) / node_count.nodes as weight
    from cities as sources
    cross join cities as destinations
    cross join node_count
    left join out_weights
        on sources.city = out_weights.source_city
    left join links
        on sources.city = links.source_city and destinations.city = links.destination_city

),

{# Sums of whole numbers (transfers and their products, exact in a double), so their order is no matter. #}
authority_matrix as (

    select
        'authority' as measure,
        first_links.destination_city as from_city,
        second_links.destination_city as to_city,
        sum(first_links.weight * second_links.weight) as weight
    from links as first_links
    inner join links as second_links
        on first_links.source_city = second_links.source_city
    group by
        first_links.destination_city,
        second_links.destination_city

),

hub_matrix as (

    select
        'hub' as measure,
        first_links.source_city as from_city,
        second_links.source_city as to_city,
        sum(first_links.weight * second_links.weight) as weight
    from links as first_links
    inner join links as second_links
        on first_links.destination_city = second_links.destination_city
    group by
        first_links.source_city,
        second_links.source_city

),

matrices as (

    select * from pagerank_matrix
    union all
    select * from authority_matrix
    union all
    select * from hub_matrix

),

scaled as (

    {{ matrix_scaled('matrices') }}

),

final as (

    select
        cast(measure as {{ dbt.type_string() }}) as measure,
        cast(from_city as {{ dbt.type_string() }}) as from_city,
        cast(to_city as {{ dbt.type_string() }}) as to_city,
        cast(1 as bigint) as iterations,
        cast(weight as {{ double }}) as weight
    from scaled

)

select * from final
