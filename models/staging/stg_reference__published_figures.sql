{#- One row per published figure (PF01-PF18) the warehouse must reproduce. -#}
with

source as (

    select * from {{ ref('published_figures') }}

),

renamed as (

    select
        cast(figure_id as varchar) as figure_id,
        cast(description as varchar) as description,
        cast(definition as varchar) as definition,
        cast(comparator as varchar) as comparator,
        cast(expected_value as double) as expected_value,
        cast(also_requires as varchar) as also_requires
    from source

)

select * from renamed
