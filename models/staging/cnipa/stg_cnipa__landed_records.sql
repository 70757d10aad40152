{#-
    One row per record landed in an active load, every shape in the contract's columns, still text: contract
    rows as landed, database-header rows as renamed (stg_cnipa__export_rows), legal events as read from their
    description (stg_cnipa__legal_events: every event of an event export; of a patent list's history, the
    transfer blocks only, docs/bring-your-own.md). A view: read by stg_cnipa__replaced_records (the versions a
    later load replaced) and stg_cnipa__transfer_records (the others, parsed).
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

unioned as (

    select * from contract_records
    union all
    select * from header_records
    union all
    select * from event_records

)

select * from unioned
