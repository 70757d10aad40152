{#-
    One row per reference city × taxonomy industry (12 × 28, combinations without transfers included with
    zeros and NULL shares), on the activity basis: a transfer counts for its source city and for its
    destination city, once when both are the same. Unknown party cities count as 大湾区外; transfers whose
    main IPC maps to no industry are not in this table (see published figure PF10).
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

transfer_cities as (

    select
        record_id,
        coalesce(source_city, '大湾区外') as city
    from transfers
    union
    select
        record_id,
        coalesce(destination_city, '大湾区外') as city
    from transfers

),

city_transfers as (

    select
        transfer_cities.city,
        transfers.industry_id,
        count(*) as transfers,
        sum(case when transfers.is_invention then 1 else 0 end) as inventions,
        sum(case when transfers.is_pct_linked then 1 else 0 end) as pct_linked,
        sum(case when transfers.is_high_value then 1 else 0 end) as high_value
    from transfer_cities
    inner join transfers
        on transfer_cities.record_id = transfers.record_id
    where transfers.industry_id is not null
    group by
        transfer_cities.city,
        transfers.industry_id

),

city_industry_grid as (

    select
        cities.city,
        cities.is_gba,
        cities.display_order,
        industries.industry_id,
        industries.industry
    from cities
    cross join industries

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
        coalesce(city_transfers.pct_linked, 0) as pct_linked,
        city_transfers.pct_linked / cast(city_transfers.transfers as {{ type_double() }}) as pct_linked_share,
        coalesce(city_transfers.high_value, 0) as high_value,
        city_transfers.high_value / cast(city_transfers.transfers as {{ type_double() }}) as high_value_share
    from city_industry_grid
    left join city_transfers
        on
            city_industry_grid.city = city_transfers.city
            and city_industry_grid.industry_id = city_transfers.industry_id

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
        cast(pct_linked as bigint) as pct_linked,
        cast(pct_linked_share as {{ type_double() }}) as pct_linked_share,
        cast(high_value as bigint) as high_value,
        cast(high_value_share as {{ type_double() }}) as high_value_share
    from measured

)

select * from final
