{#-
    One row per folded header alias of the ref_raw_header_aliases seed (`Title` and `title` are one): the key
    staging maps a landed file's header through (stg_cnipa__export_rows). Folded as the loader folds a header when it detects
    the shape (python/gba_tech_transfer/build/shapes.py): full-width to half-width, byte-order mark and
    whitespace removed, lower-cased.
-#}
with

source as (

    select * from {{ ref('ref_raw_header_aliases') }}

),

renamed as (

    select
        cast(header_alias as {{ dbt.type_string() }}) as header_alias,
        {{ fold_header('header_alias') }} as header_alias_folded,
        cast(column_name as {{ dbt.type_string() }}) as column_name
    from source

),

folded as (

    {#- Aliases that fold alike must name one column: a second column would make the key repeat (tested). -#}
    select
        header_alias_folded,
        column_name,
        min(header_alias) as header_alias
    from renamed
    group by
        header_alias_folded,
        column_name

)

select * from folded
