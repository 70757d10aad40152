{{ config(materialized='view') }}
{#-
    One row per raw record, none dropped, with its parsed columns and two flags: why it cannot be read
    (reject_reason, first that applies) and, for a readable record exported more than once, the record kept
    in its place (the smallest record_id among the copies, from int_duplicate_records_matched). A view: the parsed records
    are stored once, in the stg_cnipa__transfer_records table, and the duplicates in their own small table.
-#}
with

records as (

    select * from {{ ref('stg_cnipa__transfer_records') }}

),

duplicates as (

    select * from {{ ref('int_duplicate_records_matched') }}

),

flagged as (

    select
        records.record_id,
        records.application_no,
        records.is_check_character_valid,
        records.type_digit,
        records.patent_type,
        records.publication_no,
        records.title,
        records.application_date,
        records.grant_date,
        records.effective_date,
        records.has_bad_date,
        records.ipc_main,
        records.ipc_main_subclass,
        records.ipc_codes,
        records.legal_event_kind,
        records.is_patent_right_transfer,
        records.assignor_names,
        records.assignee_names,
        records.assignor_address,
        records.assignee_address,
        records.pct_application_no,
        {{ reject_reason() }} as reject_reason,
        duplicates.duplicate_of_record_id
    from records
    left join duplicates
        on records.record_id = duplicates.record_id

)

select * from flagged
