{#- One row per IPC prefix of the concordance, normalised like the codes it is matched against. -#}
with

source as (

    select * from {{ ref('ref_ipc_concordance') }}

),

renamed as (

    select
        {{ normalize_ipc('cast(ipc_prefix as ' ~ dbt.type_string() ~ ')') }} as ipc_prefix,
        cast(industry_id as integer) as industry_id,
        cast(basis as {{ dbt.type_string() }}) as basis
    from source

)

select * from renamed
