{#-
    One row per reference city × taxonomy industry (12 × 28, combinations without transfers included with
    zeros and NULL shares), plus one row per city for 'unmapped' (industry_id NULL: no main IPC, or one that
    maps to no industry) when any in-scope transfer is unmapped, on the activity basis: a transfer counts
    for the city bucket of each of its city roles (int_transfer_city_roles: an unknown city is 大湾区外),
    once when both are the same. industry_key joins the rows: the industry_id as text, or 'unmapped'.
-#}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

industries as (

    select * from {{ ref('dim_industries') }}

),

transfers as (

    select * from {{ ref('fct_transfers') }}

),

city_roles as (

    select * from {{ ref('int_transfer_city_roles') }}

),

keyed_transfers as (

    select
        *,
        coalesce(cast(industry_id as {{ dbt.type_string() }}), 'unmapped') as industry_key
    from transfers

),

transfer_cities as (

    select distinct
        record_id,
        city_bucket as city
    from city_roles

),

city_transfers as (

    select
        transfer_cities.city,
        keyed_transfers.industry_key,
        count(*) as transfers,
        sum(case when keyed_transfers.is_invention then 1 else 0 end) as inventions,
        sum(case when keyed_transfers.is_pct_linked then 1 else 0 end) as pct_linked_transfers,
        sum(case when keyed_transfers.is_high_value then 1 else 0 end) as high_value_transfers
    from transfer_cities
    inner join keyed_transfers
        on transfer_cities.record_id = keyed_transfers.record_id
    group by
        transfer_cities.city,
        keyed_transfers.industry_key

),

reported_industries as (

    {#- The 28 industries, and 'unmapped' only when some transfer is unmapped. -#}
    select
        cast(industry_id as {{ dbt.type_string() }}) as industry_key,
        industry_id,
        industry
    from industries
    union all
    select
        'unmapped' as industry_key,
        cast(null as integer) as industry_id,
        'unmapped' as industry
    from keyed_transfers
    where industry_key = 'unmapped'
    having count(*) > 0

),

city_industry_grid as (

    select
        cities.city,
        cities.is_gba,
        cities.display_order,
        reported_industries.industry_key,
        reported_industries.industry_id,
        reported_industries.industry
    from cities
    cross join reported_industries

),

measured as (

    select
        city_industry_grid.city,
        city_industry_grid.is_gba,
        city_industry_grid.industry_id,
        city_industry_grid.industry,
        coalesce(city_transfers.transfers, 0) as transfers,
        coalesce(city_transfers.inventions, 0) as inventions,
        city_transfers.inventions / cast(city_transfers.transfers as {{ type_double() }}) as invention_share,
        coalesce(city_transfers.pct_linked_transfers, 0) as pct_linked_transfers,
        city_transfers.pct_linked_transfers / cast(city_transfers.transfers as {{ type_double() }}) as pct_linked_share,
        coalesce(city_transfers.high_value_transfers, 0) as high_value_transfers,
        city_transfers.high_value_transfers / cast(city_transfers.transfers as {{ type_double() }}) as high_value_share
    from city_industry_grid
    left join city_transfers
        on
            city_industry_grid.city = city_transfers.city
            and city_industry_grid.industry_key = city_transfers.industry_key

),

final as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(is_gba as boolean) as is_gba,
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(transfers as bigint) as transfers,
        cast(inventions as bigint) as inventions,
        cast(invention_share as {{ type_double() }}) as invention_share,
        cast(pct_linked_transfers as bigint) as pct_linked_transfers,
        cast(pct_linked_share as {{ type_double() }}) as pct_linked_share,
        cast(high_value_transfers as bigint) as high_value_transfers,
        cast(high_value_share as {{ type_double() }}) as high_value_share
    from measured

)

select * from final
