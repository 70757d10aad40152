{#-
    region_flows counts every in-scope transfer exactly once: for every key (regions, kind, year, industry) its
    transfers equal fct_transfers' count, and no key is on one side only. Returns each key that differs.
-#}
with

transfer_counts as (

    select
        source_region,
        destination_region,
        flow_kind,
        effective_year,
        coalesce(industry, 'unmapped') as industry,
        count(*) as transfers
    from {{ ref('fct_transfers') }}
    group by
        source_region,
        destination_region,
        flow_kind,
        effective_year,
        coalesce(industry, 'unmapped')

),

region_flows as (

    select * from {{ ref('region_flows') }}

)

select
    coalesce(transfer_counts.source_region, region_flows.source_region) as source_region,
    coalesce(transfer_counts.destination_region, region_flows.destination_region) as destination_region,
    coalesce(transfer_counts.flow_kind, region_flows.flow_kind) as flow_kind,
    coalesce(transfer_counts.effective_year, region_flows.effective_year) as effective_year,
    coalesce(transfer_counts.industry, region_flows.industry) as industry,
    transfer_counts.transfers as fct_transfers,
    region_flows.transfers as region_flow_transfers
from transfer_counts
full outer join region_flows
    on
        transfer_counts.source_region = region_flows.source_region
        and transfer_counts.destination_region = region_flows.destination_region
        and transfer_counts.flow_kind = region_flows.flow_kind
        and transfer_counts.effective_year = region_flows.effective_year
        and transfer_counts.industry = region_flows.industry
where
    transfer_counts.transfers is null
    or region_flows.transfers is null
    or transfer_counts.transfers != region_flows.transfers
