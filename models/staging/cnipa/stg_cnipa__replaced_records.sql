{#-
    One row per record version that a later active load replaced (the same record_id landed again:
    docs/architecture.md#landing), with the load that replaced it. Accounted in record_outcomes as `replaced`;
    stg_cnipa__transfer_records keeps every other version.

    A table of the version's key and provenance only: it reads five narrow columns of the landed records, where
    a version flag computed beside every record's sixteen text columns carried them all (x100: 17 of
    stg_cnipa__transfer_records' 73 CPU seconds). Usually empty: a record_id is landed
    again only when a later load sends it again.
-#}
{{ config(materialized='table') }}
with

landed_records as (

    select
        record_id,
        load_id,
        file_name,
        sheet,
        row_number
    from {{ ref('stg_cnipa__landed_records') }}

),

repeated_records as (

    {#- A record_id landed by more than one load, with its latest load: a hash aggregate of two narrow columns,
        where a window over every landed record sorted them all (x100: 3.3 against 4.0 CPU seconds). -#}
    select
        record_id,
        max(load_id) as latest_load_id
    from landed_records
    group by record_id
    having min(load_id) < max(load_id)

),

versioned as (

    select
        landed_records.*,
        repeated_records.latest_load_id
    from landed_records
    inner join repeated_records
        on landed_records.record_id = repeated_records.record_id

),

final as (

    select
        record_id,
        load_id,
        file_name,
        sheet,
        row_number,
        latest_load_id as replaced_by_load_id
    from versioned
    where load_id < latest_load_id

)

select * from final
