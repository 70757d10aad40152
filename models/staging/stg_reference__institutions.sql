{#- One row per institution name form: registered institutions joined to their aliases, keyed by alias_key. -#}
with

institutions as (

    select * from {{ ref('ref_institutions') }}

),

aliases as (

    select * from {{ ref('ref_institution_aliases') }}

),

joined as (

    select
        cast(aliases.alias as varchar) as alias,  -- noqa: RF04
        lower({{ fold_width('cast(aliases.alias as varchar)') }}) as alias_key,
        cast(aliases.alias_kind as varchar) as alias_kind,
        cast(institutions.institution_id as varchar) as institution_id,
        cast(institutions.institution_name as varchar) as institution_name,
        cast(institutions.city as varchar) as city,
        cast(institutions.institution_kind as varchar) as institution_kind
    from aliases
    inner join institutions
        on aliases.institution_id = institutions.institution_id

)

select * from joined
