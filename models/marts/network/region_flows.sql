{#-
    One row per source region × destination region × kind of flow × effective year × industry of in-scope
    transfers (fct_transfers), with the transfers and their great-circle km (docs/architecture.md, "Place of a
    party"). A region is one of the 11 GBA cities, a province outside the GBA (Guangdong's other cities as
    广东省（大湾区外）) or 未知; the kind of flow follows from the two regions, except that 未知 holds both a
    party whose city is unknown (kind unknown) and one known only to lie outside the GBA, so the kind is part of
    the grain. An unmapped industry is its own row ('unmapped', industry_id NULL). Every in-scope transfer is in
    exactly one row (a test against fct_transfers).
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

flows as (

    select
        source_region,
        destination_region,
        flow_kind,
        effective_year,
        industry_id,
        coalesce(industry, 'unmapped') as industry,
        count(*) as transfers,
        count(distance_km) as transfers_with_distance,
        {#- Added as exact decimals (to the micrometre): a sum of doubles depends on the order the rows arrive in,
            which differs between two builds of the same rows (x100: 16 rows differed in the 10th decimal). #}
        sum(cast(distance_km as decimal(38, 9))) as total_distance_km
    from transfers
    group by
        source_region,
        destination_region,
        flow_kind,
        effective_year,
        industry_id,
        coalesce(industry, 'unmapped')

),

final as (

    select
        cast(source_region as {{ dbt.type_string() }}) as source_region,
        cast(destination_region as {{ dbt.type_string() }}) as destination_region,
        cast(flow_kind as {{ dbt.type_string() }}) as flow_kind,
        cast(effective_year as integer) as effective_year,
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(transfers as bigint) as transfers,
        cast(transfers_with_distance as bigint) as transfers_with_distance,
        cast(total_distance_km as {{ type_double() }}) as total_distance_km
    from flows

)

select * from final
