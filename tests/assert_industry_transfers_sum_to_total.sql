{#-
    industry_summary.transfers sum to count(fct_transfers), the unmapped row included: every in-scope transfer is
    in exactly one industry or in 'unmapped' (no main IPC, as for a design patent, or one that maps to none),
    and the unmapped row holds exactly the transfers without an industry.
-#}
with

industry_totals as (

    select
        sum(transfers) as transfers_sum,
        coalesce(sum(case when industry_id is null then transfers end), 0) as unmapped_sum
    from {{ ref('industry_summary') }}

),

transfer_totals as (

    select
        count(*) as transfer_count,
        count(*) - count(industry_id) as unmapped_count
    from {{ ref('fct_transfers') }}

),

mismatches as (

    select
        industry_totals.transfers_sum,
        transfer_totals.transfer_count,
        industry_totals.unmapped_sum,
        transfer_totals.unmapped_count
    from industry_totals
    cross join transfer_totals
    where
        industry_totals.transfers_sum != transfer_totals.transfer_count
        or industry_totals.unmapped_sum != transfer_totals.unmapped_count

)

select * from mismatches
