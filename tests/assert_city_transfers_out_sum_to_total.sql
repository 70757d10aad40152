{#- The 12 city_summary rows' transfers_out sum to count(fct_transfers), which is PF01's actual. -#}
with

city_totals as (

    select sum(transfers_out) as transfers_out_sum
    from {{ ref('city_summary') }}

),

transfer_totals as (

    select count(*) as transfer_count
    from {{ ref('fct_transfers') }}

),

pf01 as (

    select actual as pf01_actual
    from {{ ref('published_figure_checks') }}
    where figure_id = 'PF01'

),

mismatches as (

    select
        city_totals.transfers_out_sum,
        transfer_totals.transfer_count,
        pf01.pf01_actual
    from city_totals
    cross join transfer_totals
    left join pf01 on true
    where
        city_totals.transfers_out_sum != transfer_totals.transfer_count
        or pf01.pf01_actual is null
        or pf01.pf01_actual != transfer_totals.transfer_count

)

select * from mismatches
