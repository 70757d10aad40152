{#-
    One row per industry × effective year × kind of flow of in-scope transfers (fct_transfers): how far the
    patents travel, as the median and 90th percentile of distance_km over the transfers whose two prefectures
    have coordinates (docs/architecture.md, "Distance"). Percentiles are continuous (linearly interpolated), by
    the one macro percentile_cont(), so every engine gives the same value; they do not add up across rows (ask
    the semantic layer's median_distance_km for other groupings). An unmapped industry is its own row.
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

distances as (

    select
        industry_id,
        coalesce(industry, 'unmapped') as industry,
        effective_year,
        flow_kind,
        count(*) as transfers,
        count(distance_km) as transfers_with_distance,
        {{ percentile_cont('distance_km', 0.5) }} as median_distance_km,
        {{ percentile_cont('distance_km', 0.9) }} as p90_distance_km
    from transfers
    group by
        industry_id,
        coalesce(industry, 'unmapped'),
        effective_year,
        flow_kind

),

final as (

    select
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(effective_year as integer) as effective_year,
        cast(flow_kind as {{ dbt.type_string() }}) as flow_kind,
        cast(transfers as bigint) as transfers,
        cast(transfers_with_distance as bigint) as transfers_with_distance,
        cast(median_distance_km as {{ type_double() }}) as median_distance_km,
        cast(p90_distance_km as {{ type_double() }}) as p90_distance_km
    from distances

)

select * from final
