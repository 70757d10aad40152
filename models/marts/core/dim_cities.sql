{#- One row per city of the reference list: the 11 GBA cities and 大湾区外 (12 rows). -#}
with

cities as (

    select * from {{ ref('stg_reference__cities') }}

),

final as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(city_full_name as {{ dbt.type_string() }}) as city_full_name,
        cast(city_en as {{ dbt.type_string() }}) as city_en,
        cast(is_gba as boolean) as is_gba,
        cast(region as {{ dbt.type_string() }}) as region,
        cast(display_order as integer) as display_order
    from cities

)

select * from final
