{#-
    One row per record version that a later active load replaced (the same record_id landed again:
    docs/architecture.md#landing), with the load that replaced it. Accounted in record_outcomes as `replaced`.
-#}
with

landed_records as (

    select * from {{ ref('stg_cnipa__landed_records') }}

),

final as (

    select
        record_id,
        load_id,
        file_name,
        sheet,
        row_number,
        latest_load_id as replaced_by_load_id
    from landed_records
    where not is_latest_version

)

select * from final
