{#- One row per city: the 11 GBA cities and the 大湾区外 bucket. -#}
with

source as (

    select * from {{ ref('ref_cities') }}

),

renamed as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(city_full_name as {{ dbt.type_string() }}) as city_full_name,
        cast(city_en as {{ dbt.type_string() }}) as city_en,
        cast(is_gba as boolean) as is_gba,
        cast(region as {{ dbt.type_string() }}) as region,
        cast(display_order as integer) as display_order
    from source

)

select * from renamed
