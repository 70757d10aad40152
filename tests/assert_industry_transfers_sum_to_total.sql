{#- industry_summary.transfers sum to count(fct_transfers): every in-scope transfer is in exactly one industry. -#}
with

industry_totals as (

    select sum(transfers) as transfers_sum
    from {{ ref('industry_summary') }}

),

transfer_totals as (

    select count(*) as transfer_count
    from {{ ref('fct_transfers') }}

),

mismatches as (

    select
        industry_totals.transfers_sum,
        transfer_totals.transfer_count
    from industry_totals
    cross join transfer_totals
    where industry_totals.transfers_sum != transfer_totals.transfer_count

)

select * from mismatches
