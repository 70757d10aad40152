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
        cast(aliases.alias as {{ dbt.type_string() }}) as alias,  -- noqa: RF04
        lower({{ fold_width('cast(aliases.alias as ' ~ dbt.type_string() ~ ')') }}) as alias_key,
        cast(aliases.alias_kind as {{ dbt.type_string() }}) as alias_kind,
        cast(institutions.institution_id as {{ dbt.type_string() }}) as institution_id,
        cast(institutions.institution_name as {{ dbt.type_string() }}) as institution_name,
        cast(institutions.city as {{ dbt.type_string() }}) as city,
        cast(institutions.seat as {{ dbt.type_string() }}) as seat,
        cast(institutions.institution_kind as {{ dbt.type_string() }}) as institution_kind
    from aliases
    inner join institutions
        on aliases.institution_id = institutions.institution_id

)

select * from joined
