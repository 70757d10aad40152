{#-
    One row per observed (source city, destination city) pair of in-scope transfers: the city buckets of a
    transfer's source and destination roles (int_transfer_city_roles: an unknown city is 大湾区外). Pairs
    without transfers are omitted.
-#}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

source_roles as (

    select * from {{ ref('int_transfer_city_roles') }}
    where city_role = 'source'

),

destination_roles as (

    select * from {{ ref('int_transfer_city_roles') }}
    where city_role = 'destination'

),

flows as (

    select
        source_roles.city_bucket as source_city,
        destination_roles.city_bucket as destination_city,
        count(*) as transfers
    from source_roles
    inner join destination_roles
        on source_roles.record_id = destination_roles.record_id
    group by
        source_roles.city_bucket,
        destination_roles.city_bucket

),

total as (

    {#- One source role per transfer. -#}
    select count(*) as total_transfers
    from source_roles

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
