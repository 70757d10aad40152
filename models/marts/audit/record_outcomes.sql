{#-
    One row per raw record: its outcome and reason, and for rejected rows the raw values as exported, so a
    reader can see why the row could not be read. Party names and addresses are never carried (an
    individual's name or address must not reach a mart); party counts stand in for them. A legal-event
    description is carried only when it named no party (unreadable_description: the text is the evidence).
    A patent list with its legal history in one cell (docs/bring-your-own.md): each transfer block is a
    record, and a patent row with none is a row of its own here, out of scope as no_transfer_in_history
    (record_id: the patent row's id), so every input row is accounted for. A record version that a later load
    replaced (docs/architecture.md#landing) is a row too, outcome `replaced`. Key: (load_id, record_id).
-#}
with

scoped_records as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

record_values as (

    {#- Per record: the party counts, and the raw values, which staging keeps for a record that cannot be read
        only (reject_reason(), the rule behind the 'rejected' outcome): NULL for every other record. -#}
    select
        record_id,
        load_id,
        file_name,
        sheet,
        row_number,
        {{ list_size('assignor_names') }} as assignor_count,
        {{ list_size('assignee_names') }} as assignee_count,
        application_no_raw,
        publication_no_raw,
        patent_type_raw,
        title_raw,
        application_date_raw,
        grant_date_raw,
        effective_date_raw,
        ipc_main_raw,
        ipc_all_raw,
        legal_event_raw,
        pct_application_no_raw,
        description_raw,
        effective_date_basis
    from {{ ref('stg_cnipa__transfer_records') }}

),

final as (

    select
        cast(scoped_records.record_id as {{ dbt.type_string() }}) as record_id,
        cast(record_values.load_id as integer) as load_id,
        cast(record_values.file_name as {{ dbt.type_string() }}) as file_name,
        cast(record_values.sheet as {{ dbt.type_string() }}) as sheet,
        cast(record_values.row_number as bigint) as row_number,
        cast(scoped_records.outcome as {{ dbt.type_string() }}) as outcome,
        cast(scoped_records.reason as {{ dbt.type_string() }}) as reason,
        cast(scoped_records.duplicate_of_record_id as {{ dbt.type_string() }}) as duplicate_of_record_id,
        cast(scoped_records.application_no as {{ dbt.type_string() }}) as application_no,
        cast(scoped_records.effective_date as date) as effective_date,
        cast(scoped_records.legal_event_kind as {{ dbt.type_string() }}) as legal_event_kind,
        cast(record_values.assignor_count as integer) as assignor_count,
        cast(record_values.assignee_count as integer) as assignee_count,
        cast(record_values.application_no_raw as {{ dbt.type_string() }}) as application_no_raw,
        cast(record_values.publication_no_raw as {{ dbt.type_string() }}) as publication_no_raw,
        cast(record_values.patent_type_raw as {{ dbt.type_string() }}) as patent_type_raw,
        cast(record_values.title_raw as {{ dbt.type_string() }}) as title_raw,
        cast(record_values.application_date_raw as {{ dbt.type_string() }}) as application_date_raw,
        cast(record_values.grant_date_raw as {{ dbt.type_string() }}) as grant_date_raw,
        cast(record_values.effective_date_raw as {{ dbt.type_string() }}) as effective_date_raw,
        cast(record_values.ipc_main_raw as {{ dbt.type_string() }}) as ipc_main_raw,
        cast(record_values.ipc_all_raw as {{ dbt.type_string() }}) as ipc_all_raw,
        cast(record_values.legal_event_raw as {{ dbt.type_string() }}) as legal_event_raw,
        cast(record_values.pct_application_no_raw as {{ dbt.type_string() }}) as pct_application_no_raw,
        cast(record_values.description_raw as {{ dbt.type_string() }}) as description_raw,
        cast(record_values.effective_date_basis as {{ dbt.type_string() }}) as effective_date_basis
    from scoped_records
    left join record_values
        on scoped_records.record_id = record_values.record_id

),

transfer_blocks as {{ computed_once() }} (

    {#- The patent rows (of a history export) that have a transfer block, once: read per patent row below, a
        view that PostgreSQL would otherwise parse again for every row (computed_once()). -#}
    select distinct
        load_id,
        patent_record_id
    from {{ ref('stg_cnipa__patent_histories') }}
    where {{ is_transfer_event('legal_event') }}

),

patents_without_transfer as (

    select
        cast(patents.record_id as {{ dbt.type_string() }}) as record_id,
        cast(patents.load_id as integer) as load_id,
        cast(patents.file_name as {{ dbt.type_string() }}) as file_name,
        cast(patents.sheet as {{ dbt.type_string() }}) as sheet,
        cast(patents.row_number as bigint) as row_number,
        cast('out_of_scope' as {{ dbt.type_string() }}) as outcome,
        cast('no_transfer_in_history' as {{ dbt.type_string() }}) as reason,
        {%- for column in ['duplicate_of_record_id', 'application_no'] %}
            cast(null as {{ dbt.type_string() }}) as {{ column }},
        {%- endfor %}
        cast(null as date) as effective_date,
        cast(null as {{ dbt.type_string() }}) as legal_event_kind,
        cast(null as integer) as assignor_count,
        cast(null as integer) as assignee_count,
        cast(patents.application_no as {{ dbt.type_string() }}) as application_no_raw,
        {%- for column in ['publication_no', 'patent_type', 'title', 'application_date', 'grant_date'] %}
            cast(patents.{{ column }} as {{ dbt.type_string() }}) as {{ column }}_raw,
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as effective_date_raw,
        cast(patents.ipc_main as {{ dbt.type_string() }}) as ipc_main_raw,
        cast(patents.ipc_all as {{ dbt.type_string() }}) as ipc_all_raw,
        cast(null as {{ dbt.type_string() }}) as legal_event_raw,
        cast(patents.pct_application_no as {{ dbt.type_string() }}) as pct_application_no_raw,
        cast(null as {{ dbt.type_string() }}) as description_raw,
        cast(null as {{ dbt.type_string() }}) as effective_date_basis
    from {{ ref('stg_cnipa__export_rows') }} as patents
    where
        patents.shape = 'history'
        and not exists (
            select 1
            from transfer_blocks
            where
                transfer_blocks.load_id = patents.load_id
                and transfer_blocks.patent_record_id = patents.record_id
        )

),

replaced_versions as (

    {#- Only the outcome: the version that replaced it carries the record's values. -#}
    select
        cast(replaced.record_id as {{ dbt.type_string() }}) as record_id,
        cast(replaced.load_id as integer) as load_id,
        cast(replaced.file_name as {{ dbt.type_string() }}) as file_name,
        cast(replaced.sheet as {{ dbt.type_string() }}) as sheet,
        cast(replaced.row_number as bigint) as row_number,
        cast('replaced' as {{ dbt.type_string() }}) as outcome,
        cast('by_later_load' as {{ dbt.type_string() }}) as reason,
        {%- for column in ['duplicate_of_record_id', 'application_no'] %}
            cast(null as {{ dbt.type_string() }}) as {{ column }},
        {%- endfor %}
        cast(null as date) as effective_date,
        cast(null as {{ dbt.type_string() }}) as legal_event_kind,
        cast(null as integer) as assignor_count,
        cast(null as integer) as assignee_count,
        {%- for column in ['application_no', 'publication_no', 'patent_type', 'title', 'application_date',
                'grant_date', 'effective_date', 'ipc_main', 'ipc_all', 'legal_event', 'pct_application_no', 'description'] %}
            cast(null as {{ dbt.type_string() }}) as {{ column }}_raw,
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as effective_date_basis
    from {{ ref('stg_cnipa__replaced_records') }} as replaced

),

unioned as (

    select * from final
    union all
    select * from patents_without_transfer
    union all
    select * from replaced_versions

)

select * from unioned
