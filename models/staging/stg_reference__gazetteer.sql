{#- One row per place name searched for in party addresses, with its search key (folded, lower-cased). -#}
with

source as (

    select * from {{ ref('ref_gazetteer') }}

),

renamed as (

    select
        cast(place_name as {{ dbt.type_string() }}) as place_name,
        lower({{ fold_width('cast(place_name as ' ~ dbt.type_string() ~ ')') }}) as place_key,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(place_kind as {{ dbt.type_string() }}) as place_kind,
        cast(script as {{ dbt.type_string() }}) as script,
        cast(match_priority as integer) as match_priority,
        cast(adcode as {{ dbt.type_string() }}) as adcode
    from source

)

select * from renamed
