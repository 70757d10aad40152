{#- fct_transfers holds exactly the in-scope records of int_transfer_records_scoped, no more, no fewer. -#}
with

in_scope_records as (

    select record_id
    from {{ ref('int_transfer_records_scoped') }}
    where outcome = 'in_scope'

),

transfers as (

    select record_id
    from {{ ref('fct_transfers') }}

),

mismatches as (

    select
        coalesce(in_scope_records.record_id, transfers.record_id) as record_id,
        in_scope_records.record_id is not null as is_in_scope_record,
        transfers.record_id is not null as is_in_fct_transfers
    from in_scope_records
    full outer join transfers
        on in_scope_records.record_id = transfers.record_id
    where
        in_scope_records.record_id is null
        or transfers.record_id is null

)

select * from mismatches
