{#-
    One row per taxonomy industry (28, those without transfers with zeros), plus one row 'unmapped' (industry_id
    NULL) when any in-scope transfer has no main IPC (a design patent) or one that maps to no industry: it holds
    those transfers and their measures, with NULL rank and share, so the transfers of all rows sum to the in-scope
    total. Ranks and transfer_share are over the 28 industries (share of mapped transfers); the other shares are of
    the row's own transfers. ipc_entropy: Shannon entropy (natural log) of the IPC subclass distribution over the
    IPC codes of the row's transfers (each record's ipc_codes, distinct), which ipc_codes and ipc_subclasses count.
    industry_key joins the rows: the industry_id as text, or 'unmapped' (NULL never equals NULL in a join).
-#}
with

industries as (

    select * from {{ ref('dim_industries') }}

),

transfers as (

    select * from {{ ref('fct_transfers') }}

),

scoped_records as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

keyed_transfers as (

    select
        *,
        coalesce(cast(industry_id as {{ dbt.type_string() }}), 'unmapped') as industry_key
    from transfers

),

industry_transfers as (

    select
        industry_key,
        count(*) as transfers,
        sum(case when is_invention then 1 else 0 end) as inventions,
        sum(case when is_pct_linked then 1 else 0 end) as pct_linked_transfers,
        sum(case when is_high_value then 1 else 0 end) as high_value_transfers
    from keyed_transfers
    group by industry_key

),

mapped_total as (

    select count(industry_id) as mapped_transfers
    from transfers

),

transfer_ipc_codes as (

    select
        keyed_transfers.industry_key,
        {{ unnest_list('scoped_records.ipc_codes', 'ipc_code') }}
    from keyed_transfers
    inner join scoped_records
        on keyed_transfers.record_id = scoped_records.record_id

),

subclass_counts as (

    select
        industry_key,
        left(ipc_code, 4) as ipc_subclass,
        count(*) as ipc_codes
    from transfer_ipc_codes
    where length(ipc_code) >= 4
    group by
        industry_key,
        left(ipc_code, 4)

),

subclass_shares as (

    select
        industry_key,
        ipc_subclass,
        ipc_codes,
        ipc_codes / sum(cast(ipc_codes as {{ type_double() }})) over (partition by industry_key) as subclass_share
    from subclass_counts

),

industry_entropy as (

    select
        industry_key,
        count(*) as ipc_subclasses,
        sum(ipc_codes) as ipc_codes,
        0.0 - sum(subclass_share * ln(subclass_share)) as ipc_entropy
    from subclass_shares
    group by industry_key

),

reported_industries as (

    {#- The 28 industries, and the unmapped row only when some transfer is unmapped. -#}
    select
        cast(industry_id as {{ dbt.type_string() }}) as industry_key,
        industry_id,
        industry,
        industry_en,
        is_hard_tech,
        is_strategic_emerging
    from industries
    union all
    select
        industry_key,
        cast(null as integer) as industry_id,
        'unmapped' as industry,
        'unmapped (no main IPC, or one that maps to no industry)' as industry_en,
        cast(null as boolean) as is_hard_tech,
        cast(null as boolean) as is_strategic_emerging
    from industry_transfers
    where industry_key = 'unmapped'

),

industry_measures as (

    select
        reported_industries.industry_id,
        reported_industries.industry,
        reported_industries.industry_en,
        reported_industries.is_hard_tech,
        reported_industries.is_strategic_emerging,
        coalesce(industry_transfers.transfers, 0) as transfers,
        reported_industries.industry_id is not null as is_mapped,
        mapped_total.mapped_transfers,
        coalesce(industry_transfers.inventions, 0) as inventions,
        industry_transfers.inventions / cast(industry_transfers.transfers as {{ type_double() }}) as invention_share,
        coalesce(industry_transfers.pct_linked_transfers, 0) as pct_linked_transfers,
        industry_transfers.pct_linked_transfers
        / cast(industry_transfers.transfers as {{ type_double() }}) as pct_linked_share,
        coalesce(industry_transfers.high_value_transfers, 0) as high_value_transfers,
        industry_transfers.high_value_transfers
        / cast(industry_transfers.transfers as {{ type_double() }}) as high_value_share,
        coalesce(industry_entropy.ipc_codes, 0) as ipc_codes,
        coalesce(industry_entropy.ipc_subclasses, 0) as ipc_subclasses,
        industry_entropy.ipc_entropy
    from reported_industries
    cross join mapped_total
    left join industry_transfers
        on reported_industries.industry_key = industry_transfers.industry_key
    left join industry_entropy
        on reported_industries.industry_key = industry_entropy.industry_key

),

ranked as (

    {#- Ranked and shared among the 28 industries only: the unmapped row is in a partition of its own, its
        rank and share NULL. -#}
    select
        *,
        case when is_mapped then rank() over (partition by is_mapped order by transfers desc) end as transfer_rank,
        case
            when is_mapped then transfers / nullif(cast(mapped_transfers as {{ type_double() }}), 0)
        end as transfer_share
    from industry_measures

),

final as (

    select
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(industry_en as {{ dbt.type_string() }}) as industry_en,
        cast(is_hard_tech as boolean) as is_hard_tech,
        cast(is_strategic_emerging as boolean) as is_strategic_emerging,
        cast(transfers as bigint) as transfers,
        cast(transfer_rank as integer) as transfer_rank,
        cast(transfer_share as {{ type_double() }}) as transfer_share,
        cast(inventions as bigint) as inventions,
        cast(invention_share as {{ type_double() }}) as invention_share,
        cast(pct_linked_transfers as bigint) as pct_linked_transfers,
        cast(pct_linked_share as {{ type_double() }}) as pct_linked_share,
        cast(high_value_transfers as bigint) as high_value_transfers,
        cast(high_value_share as {{ type_double() }}) as high_value_share,
        cast(ipc_codes as bigint) as ipc_codes,
        cast(ipc_subclasses as bigint) as ipc_subclasses,
        cast(ipc_entropy as {{ type_double() }}) as ipc_entropy
    from ranked

)

select * from final
