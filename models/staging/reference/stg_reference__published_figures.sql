{#- One row per published figure (PF01-PF18) the warehouse must reproduce. -#}
with

source as (

    select * from {{ ref('published_figures') }}

),

renamed as (

    select
        cast(figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(description as {{ dbt.type_string() }}) as description,
        cast(definition as {{ dbt.type_string() }}) as definition,
        cast(comparator as {{ dbt.type_string() }}) as comparator,
        cast(expected_value as {{ type_double() }}) as expected_value,
        cast(also_requires as {{ dbt.type_string() }}) as also_requires
    from source

)

select * from renamed
