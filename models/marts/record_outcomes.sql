{#-
    One row per raw record: its outcome and reason, and for rejected rows the raw values as exported, so a
    reader can see why the row could not be read. Party names and addresses are never carried (an
    individual's name or address must not reach a mart); party counts stand in for them.
-#}
with

scoped_records as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

staged_records as (

    select * from {{ ref('stg_cnipa__transfer_records') }}

),

rejected_raw_values as (

    select
        staged_records.record_id,
        staged_records.application_no_raw,
        staged_records.publication_no_raw,
        staged_records.patent_type_raw,
        staged_records.title_raw,
        staged_records.application_date_raw,
        staged_records.grant_date_raw,
        staged_records.effective_date_raw,
        staged_records.ipc_main_raw,
        staged_records.ipc_all_raw,
        staged_records.legal_event_raw,
        staged_records.pct_application_no_raw
    from staged_records
    inner join scoped_records
        on staged_records.record_id = scoped_records.record_id
    where scoped_records.outcome = 'rejected'

),

party_counts as (

    select
        record_id,
        {{ list_size('assignor_names') }} as assignor_count,
        {{ list_size('assignee_names') }} as assignee_count
    from staged_records

),

final as (

    select
        cast(scoped_records.record_id as {{ dbt.type_string() }}) as record_id,
        cast(scoped_records.outcome as {{ dbt.type_string() }}) as outcome,
        cast(scoped_records.reason as {{ dbt.type_string() }}) as reason,
        cast(scoped_records.duplicate_of_record_id as {{ dbt.type_string() }}) as duplicate_of_record_id,
        cast(scoped_records.application_no as {{ dbt.type_string() }}) as application_no,
        cast(scoped_records.effective_date as date) as effective_date,
        cast(scoped_records.legal_event_kind as {{ dbt.type_string() }}) as legal_event_kind,
        cast(party_counts.assignor_count as integer) as assignor_count,
        cast(party_counts.assignee_count as integer) as assignee_count,
        cast(rejected_raw_values.application_no_raw as {{ dbt.type_string() }}) as application_no_raw,
        cast(rejected_raw_values.publication_no_raw as {{ dbt.type_string() }}) as publication_no_raw,
        cast(rejected_raw_values.patent_type_raw as {{ dbt.type_string() }}) as patent_type_raw,
        cast(rejected_raw_values.title_raw as {{ dbt.type_string() }}) as title_raw,
        cast(rejected_raw_values.application_date_raw as {{ dbt.type_string() }}) as application_date_raw,
        cast(rejected_raw_values.grant_date_raw as {{ dbt.type_string() }}) as grant_date_raw,
        cast(rejected_raw_values.effective_date_raw as {{ dbt.type_string() }}) as effective_date_raw,
        cast(rejected_raw_values.ipc_main_raw as {{ dbt.type_string() }}) as ipc_main_raw,
        cast(rejected_raw_values.ipc_all_raw as {{ dbt.type_string() }}) as ipc_all_raw,
        cast(rejected_raw_values.legal_event_raw as {{ dbt.type_string() }}) as legal_event_raw,
        cast(rejected_raw_values.pct_application_no_raw as {{ dbt.type_string() }}) as pct_application_no_raw
    from scoped_records
    left join party_counts
        on scoped_records.record_id = party_counts.record_id
    left join rejected_raw_values
        on scoped_records.record_id = rejected_raw_values.record_id

)

select * from final
