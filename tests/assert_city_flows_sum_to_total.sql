{#- city_flows.transfers sum to count(fct_transfers), and transfer_share sums to 1. -#}
with

flow_totals as (

    select
        sum(transfers) as transfers_sum,
        sum(transfer_share) as transfer_share_sum
    from {{ ref('city_flows') }}

),

transfer_totals as (

    select count(*) as transfer_count
    from {{ ref('fct_transfers') }}

),

mismatches as (

    select
        flow_totals.transfers_sum,
        flow_totals.transfer_share_sum,
        transfer_totals.transfer_count
    from flow_totals
    cross join transfer_totals
    where
        coalesce(flow_totals.transfers_sum, 0) != transfer_totals.transfer_count
        or (transfer_totals.transfer_count > 0 and abs(flow_totals.transfer_share_sum - 1) > 1e-9)

)

select * from mismatches
