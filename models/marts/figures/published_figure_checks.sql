{#-
    One row per published figure (seed published_figures): the expected value beside the value computed
    from the marts (never copied from the seed), whether it holds (the comparator, and the also_requires
    condition where the seed gives one), and a detail text showing the inputs.
-#}
with

published_figures as (

    select * from {{ ref('stg_reference__published_figures') }}

),

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

gba_city_means as (

    select
        avg(cast(transfers_out as {{ type_double() }})) as transfers_out_mean,
        avg(cast(transfers_in as {{ type_double() }})) as transfers_in_mean,
        avg(cast(intake_enterprises as {{ type_double() }})) as intake_enterprises_mean
    from city_summary
    where is_gba

),

pf01_gba_transfers as (

    select
        'PF01' as figure_id,
        cast(count(*) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        cast(count(*) as {{ dbt.type_string() }})
        || ' in-scope transfers effective on or before '
        || cast({{ cutoff_date() }} as {{ dbt.type_string() }}) as detail
    from transfers
    where effective_date <= {{ cutoff_date() }}

),

pf02_guangzhou_transfers_out as (

    select
        'PF02' as figure_id,
        cast(transfers_out as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        '广州 transfers out ' || cast(transfers_out as {{ dbt.type_string() }}) as detail
    from city_summary
    where city = '广州'

),

pf03_guangzhou_source_rank as (

    select
        'PF03' as figure_id,
        cast(transfers_out_rank as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        '广州 rank ' || cast(transfers_out_rank as {{ dbt.type_string() }})
        || ' of 11 by transfers out (' || cast(transfers_out as {{ dbt.type_string() }}) || ')' as detail
    from city_summary
    where city = '广州'

),

pf04_guangzhou_to_mean as (

    select
        'PF04' as figure_id,
        city_summary.transfers_out_to_mean_ratio as actual,
        cast(null as boolean) as also_requires_holds,
        '广州 ' || cast(city_summary.transfers_out as {{ dbt.type_string() }})
        || ' / mean ' || {{ rounded_text('gba_city_means.transfers_out_mean', 1) }}
        || ' = ' || {{ rounded_text('city_summary.transfers_out_to_mean_ratio', 2) }} as detail
    from city_summary
    cross join gba_city_means
    where city_summary.city = '广州'

),

pf05_shenzhen_intake_enterprises as (

    select
        'PF05' as figure_id,
        cast(intake_enterprises as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        '深圳 intake enterprises ' || cast(intake_enterprises as {{ dbt.type_string() }}) as detail
    from city_summary
    where city = '深圳'

),

pf06_shenzhen_intake_rank as (

    select
        'PF06' as figure_id,
        cast(intake_enterprises_rank as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        '深圳 rank ' || cast(intake_enterprises_rank as {{ dbt.type_string() }})
        || ' of 11 by intake enterprises (' || cast(intake_enterprises as {{ dbt.type_string() }}) || ')' as detail
    from city_summary
    where city = '深圳'

),

pf07_shenzhen_to_mean as (

    select
        'PF07' as figure_id,
        city_summary.intake_enterprises_to_mean_ratio as actual,
        cast(null as boolean) as also_requires_holds,
        '深圳 ' || cast(city_summary.intake_enterprises as {{ dbt.type_string() }})
        || ' / mean ' || {{ rounded_text('gba_city_means.intake_enterprises_mean', 1) }}
        || ' = ' || {{ rounded_text('city_summary.intake_enterprises_to_mean_ratio', 2) }} as detail
    from city_summary
    cross join gba_city_means
    where city_summary.city = '深圳'

),

pf08_cities_above_mean as (

    select
        'PF08' as figure_id,
        cast(
            sum(case when city_summary.transfers_in > gba_city_means.transfers_in_mean then 1 else 0 end)
            as {{ type_double() }}
        ) as actual,
        cast(null as boolean) as also_requires_holds,
        'transfers in: '
        || {{ dbt.listagg(
            "city_summary.city || ' ' || cast(city_summary.transfers_in as " ~ dbt.type_string() ~ ")",
            "', '",
            "order by city_summary.display_order"
        ) }}
        || ' vs mean ' || {{ rounded_text('max(gba_city_means.transfers_in_mean)', 1) }} as detail
    from city_summary
    cross join gba_city_means
    where city_summary.city in ('珠海', '东莞', '佛山', '惠州', '中山')

),

pf09_hong_kong_macau_activity as (

    select
        'PF09' as figure_id,
        cast(min(activity) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        'activity: ' || {{ dbt.listagg(
            "city || ' ' || cast(activity as " ~ dbt.type_string() ~ ")",
            "', '",
            "order by display_order"
        ) }} as detail
    from city_summary
    where city in ('香港', '澳门')
    having count(*) = 2

),

transfer_industry_counts as (

    select
        count(*) as in_scope_transfers,
        count(industry_id) as mapped_transfers
    from transfers

),

industry_summary_counts as (

    {#- The unmapped row (industry_id NULL) is not an industry of the taxonomy. -#}
    select
        sum(case when industry_id is not null then 1 else 0 end) as taxonomy_industries,
        sum(case when industry_id is not null and transfers > 0 then 1 else 0 end) as covered_industries,
        coalesce(sum(case when industry_id is not null then transfers end), 0) as industry_transfers,
        coalesce(sum(case when industry_id is null then transfers end), 0) as unmapped_transfers
    from industry_summary

),

pf10_industries_covered as (

    {#- Every in-scope transfer is counted exactly once: the 28 industries hold the mapped transfers and the
        unmapped row the others, together the in-scope total. -#}
    select
        'PF10' as figure_id,
        cast(industry_summary_counts.covered_industries as {{ type_double() }}) as actual,
        (
            industry_summary_counts.industry_transfers = transfer_industry_counts.mapped_transfers
            and industry_summary_counts.unmapped_transfers
            = transfer_industry_counts.in_scope_transfers - transfer_industry_counts.mapped_transfers
        ) as also_requires_holds,
        cast(industry_summary_counts.covered_industries as {{ dbt.type_string() }}) || ' of '
        || cast(industry_summary_counts.taxonomy_industries as {{ dbt.type_string() }})
        || ' industries with in-scope transfers; '
        || cast(transfer_industry_counts.in_scope_transfers as {{ dbt.type_string() }}) || ' in-scope transfers: '
        || cast(industry_summary_counts.industry_transfers as {{ dbt.type_string() }}) || ' in an industry + '
        || cast(industry_summary_counts.unmapped_transfers as {{ dbt.type_string() }}) || ' unmapped' as detail
    from industry_summary_counts
    cross join transfer_industry_counts

),

pf11_biomedicine as (

    select
        'PF11' as figure_id,
        cast(transfers as {{ type_double() }}) as actual,
        transfer_rank = 1 as also_requires_holds,
        '生物医药 ' || cast(transfers as {{ dbt.type_string() }})
        || ', rank ' || cast(transfer_rank as {{ dbt.type_string() }}) as detail
    from industry_summary
    where industry = '生物医药'

),

pf12_semiconductors as (

    select
        'PF12' as figure_id,
        cast(transfers as {{ type_double() }}) as actual,
        transfer_rank = 2 as also_requires_holds,
        '半导体与集成电路 ' || cast(transfers as {{ dbt.type_string() }})
        || ', rank ' || cast(transfer_rank as {{ dbt.type_string() }}) as detail
    from industry_summary
    where industry = '半导体与集成电路'

),

pf13_leading_industries as (

    select
        'PF13' as figure_id,
        cast(max(transfer_rank) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        'ranks: ' || {{ dbt.listagg(
            "industry || ' ' || cast(transfer_rank as " ~ dbt.type_string() ~ ")",
            "', '",
            "order by transfer_rank, industry_id"
        ) }} as detail
    from industry_summary
    where industry in ('软件与信息服务', '智能制造', '前沿新材料')
    having count(*) = 3

),

top_industries as (

    select
        industry_id,
        industry,
        is_hard_tech,
        row_number() over (order by transfers desc, industry_id asc) as top_position
    from industry_summary
    where industry_id is not null

),

pf14_top_ten_hard_tech as (

    select
        'PF14' as figure_id,
        cast(sum(case when is_hard_tech then 1 else 0 end) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        cast(sum(case when is_hard_tech then 1 else 0 end) as {{ dbt.type_string() }}) || ' of top 10 hard tech; not: '
        || coalesce({{ dbt.listagg(
            "case when not is_hard_tech then industry end",
            "', '",
            "order by top_position"
        ) }}, 'none') as detail
    from top_industries
    where top_position <= 10

),

gba_biomedicine_quality as (

    select
        city_industry_quality.*,
        city_summary.display_order
    from city_industry_quality
    inner join city_summary
        on city_industry_quality.city = city_summary.city
    where
        city_industry_quality.is_gba
        and city_industry_quality.industry = '生物医药'

),

pf15_biomedicine_invention_share as (

    select
        'PF15' as figure_id,
        cast(sum(case when invention_share > 0.9 then 1 else 0 end) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        cast(sum(case when invention_share > 0.9 then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of 11 cities above 0.9: ' || {{ dbt.listagg(
            "city || ' ' || coalesce(" ~ rounded_text('invention_share', 3) ~ ", 'n/a')",
            "', '",
            "order by display_order"
        ) }} as detail
    from gba_biomedicine_quality

),

pf16_biomedicine_pct as (

    select
        'PF16' as figure_id,
        cast(min(pct_linked) as {{ type_double() }}) as actual,
        cast(null as boolean) as also_requires_holds,
        'PCT-linked biomedicine transfers: ' || {{ dbt.listagg(
            "city || ' ' || cast(pct_linked as " ~ dbt.type_string() ~ ")",
            "', '",
            "order by display_order"
        ) }} as detail
    from gba_biomedicine_quality
    where city in ('广州', '深圳')
    having count(*) = 2

),

industry_pairs as (

    select
        industry_id,
        cast(transfers as {{ type_double() }}) as transfers,
        invention_share
    from industry_summary
    where
        industry_id is not null
        and transfers > 0

),

industry_ranks as (

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

spearman as (

    select
        corr(transfers_rank, invention_share_rank) as rho,
        count(*) as n_industries
    from industry_ranks

),

pf17_spearman as (

    select
        'PF17' as figure_id,
        rho as actual,
        cast(null as boolean) as also_requires_holds,
        'Spearman rho (transfers vs invention share, average ranks for ties) over '
        || cast(n_industries as {{ dbt.type_string() }}) || ' industries with transfers: '
        || coalesce({{ rounded_text('rho', 3) }}, 'n/a') as detail
    from spearman

),

biomedicine_entropy as (

    select ipc_entropy as biomedicine_entropy
    from industry_summary
    where industry = '生物医药'

),

pf18_software_materials as (

    select
        'PF18' as figure_id,
        case
            when count(industry_summary.invention_share) = 2 then min(industry_summary.invention_share)
        end as actual,
        min(
            case when industry_summary.ipc_entropy > biomedicine_entropy.biomedicine_entropy then 1 else 0 end
        ) = 1 as also_requires_holds,
        {{ dbt.listagg(
            "industry_summary.industry || ' invention share '
            || coalesce(" ~ rounded_text('industry_summary.invention_share', 3) ~ ", 'n/a')
            || ', entropy ' || coalesce(" ~ rounded_text('industry_summary.ipc_entropy', 3) ~ ", 'n/a')",
            "'; '",
            "order by industry_summary.industry_id"
        ) }}
        || '; 生物医药 entropy '
        || coalesce({{ rounded_text('max(biomedicine_entropy.biomedicine_entropy)', 3) }}, 'n/a') as detail
    from industry_summary
    cross join biomedicine_entropy
    where industry_summary.industry in ('软件与信息服务', '前沿新材料')
    having count(*) = 2

),

computed_figures as (

    select * from pf01_gba_transfers
    union all
    select * from pf02_guangzhou_transfers_out
    union all
    select * from pf03_guangzhou_source_rank
    union all
    select * from pf04_guangzhou_to_mean
    union all
    select * from pf05_shenzhen_intake_enterprises
    union all
    select * from pf06_shenzhen_intake_rank
    union all
    select * from pf07_shenzhen_to_mean
    union all
    select * from pf08_cities_above_mean
    union all
    select * from pf09_hong_kong_macau_activity
    union all
    select * from pf10_industries_covered
    union all
    select * from pf11_biomedicine
    union all
    select * from pf12_semiconductors
    union all
    select * from pf13_leading_industries
    union all
    select * from pf14_top_ten_hard_tech
    union all
    select * from pf15_biomedicine_invention_share
    union all
    select * from pf16_biomedicine_pct
    union all
    select * from pf17_spearman
    union all
    select * from pf18_software_materials

),

compared as (

    select
        published_figures.figure_id,
        published_figures.description,
        published_figures.definition,
        published_figures.comparator,
        published_figures.expected_value as expected,
        nullif(trim(published_figures.also_requires), '') as also_requires,
        computed_figures.actual,
        computed_figures.also_requires_holds,
        computed_figures.detail,
        case published_figures.comparator
            when '=' then abs(computed_figures.actual - published_figures.expected_value) < 1e-9
            when '>' then computed_figures.actual > published_figures.expected_value
            when '>=' then computed_figures.actual >= published_figures.expected_value
            when '<' then computed_figures.actual < published_figures.expected_value
            when '<=' then computed_figures.actual <= published_figures.expected_value
        end as comparator_holds
    from published_figures
    left join computed_figures
        on published_figures.figure_id = computed_figures.figure_id

),

enforcement as (

    {{ published_figures_enforcement() }}

),

final as (

    select
        cast(figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(description as {{ dbt.type_string() }}) as description,
        cast(definition as {{ dbt.type_string() }}) as definition,
        cast(comparator as {{ dbt.type_string() }}) as comparator,
        cast(expected as {{ type_double() }}) as expected,
        cast(also_requires as {{ dbt.type_string() }}) as also_requires,
        cast(actual as {{ type_double() }}) as actual,
        cast(
            coalesce(comparator_holds, false)
            and (also_requires is null or coalesce(also_requires_holds, false))
            as boolean
        ) as holds,
        cast(
            coalesce(detail, 'not computed: an input row is missing from the marts') as {{ dbt.type_string() }}
        ) as detail,
        cast((select enforcement.is_enforced from enforcement) as boolean) as is_enforced,
        {{ cutoff_date() }} as cutoff_date
    from compared

)

select * from final
