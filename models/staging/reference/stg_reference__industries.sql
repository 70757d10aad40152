{#- One row per industry of the 28-industry taxonomy. -#}
with

source as (

    select * from {{ ref('ref_industries') }}

),

renamed as (

    select
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(industry_en as {{ dbt.type_string() }}) as industry_en,
        cast(is_hard_tech as boolean) as is_hard_tech,
        cast(is_strategic_emerging as boolean) as is_strategic_emerging,
        cast(cluster_source as {{ dbt.type_string() }}) as cluster_source,
        cast(sei_2021_code as {{ dbt.type_string() }}) as sei_2021_code
    from source

)

select * from renamed
