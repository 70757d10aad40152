{#-
    The marts' measures in long format, one row per (metric, subject): what published_figure_checks compares
    the seed's conditions with (docs/architecture.md, "Published figures as data"). Read from the marts, never
    recomputed: a city measure, its ratio to the 11-city mean and its rank come from city_summary, where the
    mean is computed (subject '11-city mean'); an industry's from industry_summary (the 28 industries, not
    the unmapped row); a city's measure within an industry from city_industry_quality (metric
    '<industry> <measure>', the 11 GBA cities). rank is the mart's own rank where it has one; of_n is how many
    subjects the metric is measured over, NULL on a summary subject (a mean, a total).
-#}
{%- set city_measures = ['transfers_out', 'transfers_in', 'activity', 'source_institutions', 'intake_enterprises'] -%}
{%- set industry_measures = [
    'invention_share', 'pct_linked', 'pct_linked_share', 'high_value', 'high_value_share', 'ipc_entropy'
] -%}
{%- set city_industry_measures = [
    'transfers', 'inventions', 'invention_share', 'pct_linked', 'pct_linked_share', 'high_value', 'high_value_share'
] -%}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

city_summary as (

    select * from {{ ref('city_summary') }}

),

industry_summary as (

    select * from {{ ref('industry_summary') }}

),

city_industry_quality as (

    select * from {{ ref('city_industry_quality') }}

),

gba_cities as (

    select
        *,
        count(*) over () as gba_city_count
    from city_summary
    where is_gba

),

taxonomy_industries as (

    select
        *,
        count(*) over () as industry_count
    from industry_summary
    where industry_id is not null

),

gba_city_industries as (

    select
        *,
        count(*) over (partition by industry) as gba_city_count
    from city_industry_quality
    where
        is_gba
        and industry_id is not null

),

in_scope_totals as (

    select
        'in_scope_transfers' as metric,
        'fct_transfers' as subject,
        cast(count(*) as {{ type_double() }}) as metric_value,
        cast(null as integer) as metric_rank,
        cast(null as integer) as of_n
    from transfers
    where effective_date <= {{ cutoff_date() }}
    union all
    select
        'in_scope_transfers' as metric,
        'industry_summary' as subject,
        cast(coalesce(sum(transfers), 0) as {{ type_double() }}) as metric_value,
        cast(null as integer) as metric_rank,
        cast(null as integer) as of_n
    from industry_summary

),

city_metrics as (

    {%- for measure in city_measures %}
        select
            '{{ measure }}' as metric,
            city as subject,
            cast({{ measure }} as {{ type_double() }}) as metric_value,
            cast({{ measure }}_rank as integer) as metric_rank,
            cast(gba_city_count as integer) as of_n
        from gba_cities
        union all
        select
            '{{ measure }}_to_mean_ratio' as metric,
            city as subject,
            cast({{ measure }}_to_mean_ratio as {{ type_double() }}) as metric_value,
            cast(null as integer) as metric_rank,
            cast(gba_city_count as integer) as of_n
        from gba_cities
        union all
        select
            '{{ measure }}' as metric,
            '11-city mean' as subject,
            cast(max({{ measure }}_mean) as {{ type_double() }}) as metric_value,
            cast(null as integer) as metric_rank,
            cast(null as integer) as of_n
        from gba_cities
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

industry_metrics as (

    select
        'industry_transfers' as metric,
        industry as subject,
        cast(transfers as {{ type_double() }}) as metric_value,
        cast(transfer_rank as integer) as metric_rank,
        cast(industry_count as integer) as of_n
    from taxonomy_industries
    union all
    select
        'hard_tech_industry_transfers' as metric,
        industry as subject,
        cast(transfers as {{ type_double() }}) as metric_value,
        cast(transfer_rank as integer) as metric_rank,
        cast(industry_count as integer) as of_n
    from taxonomy_industries
    where is_hard_tech
    {%- for measure in industry_measures %}
        union all
        select
            'industry_{{ measure }}' as metric,
            industry as subject,
            cast({{ measure }} as {{ type_double() }}) as metric_value,
            cast(null as integer) as metric_rank,
            cast(industry_count as integer) as of_n
        from taxonomy_industries
    {%- endfor %}

),

city_industry_metrics as (

    {%- for measure in city_industry_measures %}
        select
            industry || ' {{ measure }}' as metric,
            city as subject,
            cast({{ measure }} as {{ type_double() }}) as metric_value,
            cast(null as integer) as metric_rank,
            cast(gba_city_count as integer) as of_n
        from gba_city_industries
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

industry_pairs as (

    {#- Spearman's rank correlation over the industries with transfers: Pearson's over average ranks. -#}
    select
        industry_id,
        cast(transfers as {{ type_double() }}) as transfers,
        invention_share
    from taxonomy_industries
    where transfers > 0

),

industry_pair_ranks as (

    select
        industry_id,
        cast(
            rank() over (order by transfers)
            + (count(*) over (partition by transfers) - 1) / 2.0
            as {{ type_double() }}
        ) as transfers_rank,
        cast(
            rank() over (order by invention_share)
            + (count(*) over (partition by invention_share) - 1) / 2.0
            as {{ type_double() }}
        ) as invention_share_rank
    from industry_pairs

),

rank_correlations as (

    select
        'industry_transfers_invention_share_rho' as metric,
        'industries' as subject,
        cast(corr(transfers_rank, invention_share_rank) as {{ type_double() }}) as metric_value,
        cast(null as integer) as metric_rank,
        cast(count(*) as integer) as of_n
    from industry_pair_ranks

),

unioned as (

    select * from in_scope_totals
    union all
    select * from city_metrics
    union all
    select * from industry_metrics
    union all
    select * from city_industry_metrics
    union all
    select * from rank_correlations

),

final as (

    {#- A value that is not a number (NaN: a correlation over constant ranks; or infinite) is NULL, so a
        condition on it does not hold: NaN equals itself and exceeds every number on DuckDB, PostgreSQL and
        Spark alike, and x - x = 0 is false only for NaN and the infinities. -#}
    select
        cast(metric as {{ dbt.type_string() }}) as metric,
        cast(subject as {{ dbt.type_string() }}) as subject,
        case
            when metric_value - metric_value = 0 then cast(metric_value as {{ type_double() }})
        end as value,  -- noqa: RF04
        cast(metric_rank as integer) as rank,
        cast(of_n as integer) as of_n
    from unioned

)

select * from final
