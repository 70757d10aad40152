{#-
    One row per raw record, with its parsed columns: why it cannot be read (reject_reason, first that
    applies) and, for a readable record exported more than once, the record kept in its place (the
    smallest record_id among the copies). The only reader of the staging view, so the raw export is parsed
    once; later intermediate models read this table.
-#}
with

records as (

    select * from {{ ref('stg_cnipa__transfer_records') }}

),

validated as (

    select
        record_id,
        application_no,
        is_check_character_valid,
        type_digit,
        patent_type,
        publication_no,
        title,
        application_date,
        grant_date,
        effective_date,
        has_bad_date,
        ipc_main,
        ipc_main_subclass,
        ipc_codes,
        legal_event_kind,
        assignor_names,
        assignee_names,
        assignor_address,
        assignee_address,
        pct_application_no,
        case
            when application_no is null then 'malformed_application_no'
            when not is_check_character_valid then 'bad_check_digit'
            when has_bad_date then 'bad_date'
            when {{ list_size('assignor_names') }} = 0 or {{ list_size('assignee_names') }} = 0 then 'empty_party'
        end as reject_reason
    from records

),

readable as (

    select
        record_id,
        min(record_id) over (
            partition by application_no, effective_date, assignor_names, assignee_names
        ) as kept_record_id
    from validated
    where reject_reason is null

),

deduplicated as (

    select
        validated.*,
        case
            when readable.kept_record_id != validated.record_id then readable.kept_record_id
        end as duplicate_of_record_id
    from validated
    left join readable
        on validated.record_id = readable.record_id

)

select * from deduplicated
