{#- One row per party fixed by hand (seed ref_party_overrides), keyed as party names are: folded, lower-case. -#}
with

source as (

    select * from {{ ref('ref_party_overrides') }}

),

renamed as (

    select
        cast(party_name as {{ dbt.type_string() }}) as party_name,
        lower({{ fold_width('cast(party_name as ' ~ dbt.type_string() ~ ')') }}) as party_key,
        cast(nullif(party_type, '') as {{ dbt.type_string() }}) as party_type,
        cast(nullif(city, '') as {{ dbt.type_string() }}) as city,
        cast(note as {{ dbt.type_string() }}) as note
    from source

)

select * from renamed
