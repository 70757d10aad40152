{#- One row per city of the reference list: the 11 GBA cities and 大湾区外 (12 rows). -#}
with

cities as (

    select * from {{ ref('stg_reference__cities') }}

),

final as (

    select
        cast(city as varchar) as city,
        cast(city_full_name as varchar) as city_full_name,
        cast(city_en as varchar) as city_en,
        cast(is_gba as boolean) as is_gba,
        cast(region as varchar) as region,
        cast(display_order as integer) as display_order
    from cities

)

select * from final
