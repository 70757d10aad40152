{#- The 12 city_summary rows' transfers_in sum to count(fct_transfers). -#}
with

city_totals as (

    select sum(transfers_in) as transfers_in_sum
    from {{ ref('city_summary') }}

),

transfer_totals as (

    select count(*) as transfer_count
    from {{ ref('fct_transfers') }}

),

mismatches as (

    select
        city_totals.transfers_in_sum,
        transfer_totals.transfer_count
    from city_totals
    cross join transfer_totals
    where city_totals.transfers_in_sum != transfer_totals.transfer_count

)

select * from mismatches
