{#-
    One row per in-scope transfer: the hub's records whose outcome is in_scope (docs/architecture.md,
    "Primary parties and scope"). The one place that filter is written: every model at the transfer grain
    (int_transfer_city_roles, fct_transfers, dim_patents, dim_institutions) reads this. A view, as
    int_transfer_records_deduplicated: storing the hub's in-scope rows a second time would cost more than
    the filter.
-#}
{{ config(materialized='view') }}

with

scoped_records as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

in_scope_records as (

    select * from scoped_records
    where outcome = 'in_scope'

)

select * from in_scope_records
