{#-
    One row per prefecture-level unit a place resolves to (docs/architecture.md, "Place of a party"): every row of
    ref_divisions that is its own prefecture_adcode (prefectures, the two SARs, county-level units directly under
    a province), with its province, city bucket and coordinates.
-#}
with

divisions as (

    select * from {{ ref('ref_divisions') }}

),

final as (

    select
        cast(adcode as {{ dbt.type_string() }}) as prefecture_adcode,
        cast(division_name as {{ dbt.type_string() }}) as prefecture_name,
        cast(province_name as {{ dbt.type_string() }}) as province_name,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(longitude as {{ type_double() }}) as longitude,
        cast(latitude as {{ type_double() }}) as latitude
    from divisions
    where adcode = prefecture_adcode

)

select * from final
