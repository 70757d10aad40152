{#-
    One row per record landed in an active load, every shape in the contract's columns, still text: contract
    rows as landed, database-header rows as renamed (stg_cnipa__export_rows), legal events as read from their
    description (stg_cnipa__legal_events: every event of an event export; of a patent list's history, the
    transfer blocks only, docs/bring-your-own.md). is_latest_version: the record_id's version in the latest
    load that holds it (docs/architecture.md#landing); an earlier one is replaced. A view: read by
    stg_cnipa__transfer_records (the latest versions, parsed) and stg_cnipa__replaced_records.
-#}
{%- set provenance = ['load_id', 'file_name', 'sheet', 'row_number'] -%}
with

contract_records as (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        'registration' as effective_date_basis,
        cast(null as {{ dbt.type_string() }}) as description,
        cast(null as boolean) as is_description_read
    from {{ ref('stg_cnipa__contract_rows') }}

),

header_records as (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        'registration' as effective_date_basis,
        cast(null as {{ dbt.type_string() }}) as description,
        cast(null as boolean) as is_description_read
    from {{ ref('stg_cnipa__export_rows') }}
    where shape = 'headers'

),

event_records as (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        effective_date_basis,
        description,
        is_description_read
    from {{ ref('stg_cnipa__legal_events') }}
    where shape = 'legal_events' or is_transfer_event

),

unioned as {{ computed_per_read() }} (

    {#- Read twice below, and recomputed per read rather than materialised: the second read takes only
        record_id and load_id, which for contract rows is a scan of two landed columns. -#}
    select * from contract_records
    union all
    select * from header_records
    union all
    select * from event_records

),

relanded as (

    {#- The record_ids that more than one active load holds, with the latest of those loads. A grouped count,
        not a window over every row: in a national export almost every record_id is in one load, and a window
        partitioned by record_id sorts every wide row to learn that. -#}
    select
        record_id,
        max(load_id) as latest_load_id
    from unioned
    group by record_id
    having count(distinct load_id) > 1

),

final as (

    select
        unioned.*,
        coalesce(relanded.latest_load_id, unioned.load_id) as latest_load_id,
        relanded.record_id is null or unioned.load_id = relanded.latest_load_id as is_latest_version
    from unioned
    left join relanded
        on unioned.record_id = relanded.record_id

)

select * from final
