{#-
    One row per patent (normalised application number) of an in-scope transfer. Attributes come from the
    patent's latest in-scope transfer record (latest effective date, then highest record_id).
-#}
with

in_scope_transfers as (

    select * from {{ ref('int_transfer_records_in_scope') }}

),

transfers as (

    select
        record_id,
        application_no,
        effective_date
    from in_scope_transfers

),

patent_transfers as (

    {#- The latest record is found in the same pass as the counts (last_by); its attributes are fetched for it
        alone afterwards. -#}
    select
        application_no,
        count(*) as transfers,
        min(effective_date) as first_transfer_date,
        max(effective_date) as last_transfer_date,
        {{ last_by('record_id', ['effective_date', 'record_id']) }} as latest_record_id
    from transfers
    group by application_no

),

latest_records as (

    select
        patent_transfers.application_no,
        in_scope_transfers.patent_type,
        in_scope_transfers.type_digit,
        in_scope_transfers.is_invention,
        in_scope_transfers.is_pct_linked,
        in_scope_transfers.title,
        in_scope_transfers.application_date,
        in_scope_transfers.grant_date,
        in_scope_transfers.ipc_main,
        in_scope_transfers.ipc_main_subclass,
        in_scope_transfers.ipc_subclasses,
        in_scope_transfers.industry_id,
        patent_transfers.transfers,
        patent_transfers.first_transfer_date,
        patent_transfers.last_transfer_date
    from patent_transfers
    inner join in_scope_transfers
        on patent_transfers.latest_record_id = in_scope_transfers.record_id

),

final as (

    select
        cast(latest_records.application_no as {{ dbt.type_string() }}) as application_no,
        cast(latest_records.patent_type as {{ dbt.type_string() }}) as patent_type,
        cast(latest_records.type_digit as integer) as type_digit,
        cast(latest_records.is_invention as boolean) as is_invention,
        cast(latest_records.is_pct_linked as boolean) as is_pct_linked,
        cast(latest_records.title as {{ dbt.type_string() }}) as title,
        cast(latest_records.application_date as date) as application_date,
        cast(latest_records.grant_date as date) as grant_date,
        cast(latest_records.ipc_main as {{ dbt.type_string() }}) as ipc_main,
        cast(latest_records.ipc_main_subclass as {{ dbt.type_string() }}) as ipc_main_subclass,
        cast(latest_records.ipc_subclasses as integer) as ipc_subclasses,
        cast(latest_records.industry_id as integer) as industry_id,
        cast(latest_records.transfers as bigint) as transfers,
        cast(latest_records.first_transfer_date as date) as first_transfer_date,
        cast(latest_records.last_transfer_date as date) as last_transfer_date
    from latest_records

)

select * from final
