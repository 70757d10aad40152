{#-
    One row per file of every load (raw.load_manifest, written by the loader only: docs/architecture.md#landing),
    typed. Staging keeps the rows of active loads only; make withdraw / make restore switch a load.
-#}
with

source as (

    select * from {{ source('cnipa', 'load_manifest') }}

),

renamed as (

    select
        cast(load_id as integer) as load_id,
        cast(file_name as {{ dbt.type_string() }}) as file_name,
        cast(file_sha256 as {{ dbt.type_string() }}) as file_sha256,
        cast(sheet as {{ dbt.type_string() }}) as sheet,
        cast(file_encoding as {{ dbt.type_string() }}) as file_encoding,
        cast(shape as {{ dbt.type_string() }}) as shape,
        header,
        cast(landing_table as {{ dbt.type_string() }}) as landing_table,
        cast(row_count as bigint) as row_count,
        cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(is_active as boolean) as is_active
    from source

)

select * from renamed
