{#- For every breakdown of yearly_trend, transfers sum to count(fct_transfers), year by year. -#}
with

trend_totals as (

    select
        effective_year,
        breakdown,
        sum(transfers) as transfers_sum
    from {{ ref('yearly_trend') }}
    group by
        effective_year,
        breakdown

),

transfer_totals as (

    select
        effective_year,
        count(*) as transfer_count
    from {{ ref('fct_transfers') }}
    group by effective_year

),

breakdowns as (

    select 'all' as breakdown
    union all
    select 'source_city' as breakdown
    union all
    select 'destination_city' as breakdown
    union all
    select 'industry' as breakdown

),

expected as (

    select
        transfer_totals.effective_year,
        breakdowns.breakdown,
        transfer_totals.transfer_count
    from transfer_totals
    cross join breakdowns

),

mismatches as (

    select
        coalesce(expected.effective_year, trend_totals.effective_year) as effective_year,
        coalesce(expected.breakdown, trend_totals.breakdown) as breakdown,
        expected.transfer_count,
        trend_totals.transfers_sum
    from expected
    full outer join trend_totals
        on
            expected.effective_year = trend_totals.effective_year
            and expected.breakdown = trend_totals.breakdown
    where
        expected.transfer_count is null
        or trend_totals.transfers_sum is null
        or expected.transfer_count != trend_totals.transfers_sum

)

select * from mismatches
