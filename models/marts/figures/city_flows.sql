{#-
    One row per observed (source city, destination city) pair of in-scope transfers. An unknown party city
    counts as 大湾区外, as in city_summary; pairs without transfers are omitted.
-#}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

transfers as (

    select * from {{ ref('fct_transfers') }}

),

located_transfers as (

    select
        record_id,
        coalesce(source_city, '大湾区外') as source_city,
        coalesce(destination_city, '大湾区外') as destination_city
    from transfers

),

flows as (

    select
        source_city,
        destination_city,
        count(*) as transfers
    from located_transfers
    group by
        source_city,
        destination_city

),

total as (

    select count(*) as total_transfers
    from transfers

),

flows_described as (

    select
        flows.source_city,
        flows.destination_city,
        source_cities.is_gba as is_source_gba,
        destination_cities.is_gba as is_destination_gba,
        flows.source_city = flows.destination_city and source_cities.is_gba as is_intra_city,
        flows.transfers,
        flows.transfers / nullif(cast(total.total_transfers as {{ type_double() }}), 0) as transfer_share
    from flows
    cross join total
    left join cities as source_cities
        on flows.source_city = source_cities.city
    left join cities as destination_cities
        on flows.destination_city = destination_cities.city

),

final as (

    select
        cast(source_city as {{ dbt.type_string() }}) as source_city,
        cast(destination_city as {{ dbt.type_string() }}) as destination_city,
        cast(is_source_gba as boolean) as is_source_gba,
        cast(is_destination_gba as boolean) as is_destination_gba,
        cast(is_intra_city as boolean) as is_intra_city,
        cast(transfers as bigint) as transfers,
        cast(transfer_share as {{ type_double() }}) as transfer_share
    from flows_described

)

select * from final
