{#- One row per place name searched for in party addresses, with its search key (folded, lower-cased). -#}
with

source as (

    select * from {{ ref('ref_gazetteer') }}

),

renamed as (

    select
        cast(place_name as varchar) as place_name,
        lower({{ fold_width('cast(place_name as varchar)') }}) as place_key,
        cast(city as varchar) as city,
        cast(place_kind as varchar) as place_kind,
        cast(script as varchar) as script,
        cast(match_priority as integer) as match_priority,
        cast(adcode as varchar) as adcode
    from source

)

select * from renamed
