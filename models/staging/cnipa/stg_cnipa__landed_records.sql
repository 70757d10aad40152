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

contract_records as {{ inlined() }} (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        'registration' as effective_date_basis,
        cast(null as {{ dbt.type_string() }}) as description,
        cast(null as boolean) as is_description_read
    from {{ ref('stg_cnipa__contract_rows') }}

),

header_records as {{ inlined() }} (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        'registration' as effective_date_basis,
        cast(null as {{ dbt.type_string() }}) as description,
        cast(null as boolean) as is_description_read
    from {{ ref('stg_cnipa__export_rows') }}
    where shape = 'headers'

),

event_records as {{ inlined() }} (

    select
        {{ (provenance + raw_export_columns()) | join(', ') }},
        effective_date_basis,
        description,
        is_description_read
    from {{ ref('stg_cnipa__legal_events') }}
    where shape = 'legal_events' or is_transfer_event

),

unioned as {{ inlined() }} (

    select * from contract_records
    union all
    select * from header_records
    union all
    select * from event_records

),

record_ids_in_several_loads as (

    {#- The record_ids that more than one landed row holds (usually none), with their latest load; any other
        row's own load is its latest. A grouped count that keeps only those, joined back to every row: not a
        window over every row, which partitions and carries all its columns (x100: 20 s of the build), nor a
        grouped count joined back whole, which builds a hash table of every record_id for each reader. -#}
    select
        record_id,
        max(load_id) as latest_load_id
    from unioned
    group by record_id
    having count(*) > 1

),

final as (

    select
        unioned.*,
        coalesce(record_ids_in_several_loads.latest_load_id, unioned.load_id) as latest_load_id,
        coalesce(unioned.load_id = record_ids_in_several_loads.latest_load_id, true) as is_latest_version
    from unioned
    left join record_ids_in_several_loads
        on unioned.record_id = record_ids_in_several_loads.record_id

)

select * from final
