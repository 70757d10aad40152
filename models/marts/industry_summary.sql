{#-
    One row per industry of the taxonomy (28 rows, industries without transfers included with zeros).
    Shares are of the industry's own transfers, except transfer_share (of all in-scope transfers).
    ipc_entropy: Shannon entropy (natural log) of the IPC subclass distribution over every IPC code
    (ipc_codes: main and further codes, distinct per record) of the industry's transfers.
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

industry_transfers as (

    select
        industry_id,
        count(*) as transfers,
        sum(case when is_invention then 1 else 0 end) as inventions,
        sum(case when is_pct_linked then 1 else 0 end) as pct_linked,
        sum(case when is_high_value then 1 else 0 end) as high_value
    from transfers
    where industry_id is not null
    group by industry_id

),

total as (

    select count(*) as total_transfers
    from transfers

),

transfer_ipc_codes as (

    select
        transfers.industry_id,
        {{ unnest_list('scoped_records.ipc_codes', 'ipc_code') }}
    from transfers
    inner join scoped_records
        on transfers.record_id = scoped_records.record_id
    where transfers.industry_id is not null

),

subclass_counts as (

    select
        industry_id,
        left(ipc_code, 4) as ipc_subclass,
        count(*) as ipc_code_count
    from transfer_ipc_codes
    where length(ipc_code) >= 4
    group by
        industry_id,
        left(ipc_code, 4)

),

subclass_shares as (

    select
        industry_id,
        ipc_subclass,
        ipc_code_count,
        ipc_code_count
        / sum(cast(ipc_code_count as {{ type_double() }})) over (partition by industry_id) as subclass_share
    from subclass_counts

),

industry_entropy as (

    select
        industry_id,
        count(*) as distinct_ipc_subclass_count,
        sum(ipc_code_count) as ipc_code_count,
        0.0 - sum(subclass_share * ln(subclass_share)) as ipc_entropy
    from subclass_shares
    group by industry_id

),

industry_measures as (

    select
        industries.industry_id,
        industries.industry,
        industries.industry_en,
        industries.is_hard_tech,
        industries.is_strategic_emerging,
        coalesce(industry_transfers.transfers, 0) as transfers,
        coalesce(industry_transfers.transfers, 0)
        / nullif(cast(total.total_transfers as {{ type_double() }}), 0) as transfer_share,
        coalesce(industry_transfers.inventions, 0) as inventions,
        industry_transfers.inventions / cast(industry_transfers.transfers as {{ type_double() }}) as invention_share,
        coalesce(industry_transfers.pct_linked, 0) as pct_linked,
        industry_transfers.pct_linked / cast(industry_transfers.transfers as {{ type_double() }}) as pct_linked_share,
        coalesce(industry_transfers.high_value, 0) as high_value,
        industry_transfers.high_value / cast(industry_transfers.transfers as {{ type_double() }}) as high_value_share,
        coalesce(industry_entropy.ipc_code_count, 0) as ipc_code_count,
        coalesce(industry_entropy.distinct_ipc_subclass_count, 0) as distinct_ipc_subclass_count,
        industry_entropy.ipc_entropy
    from industries
    cross join total
    left join industry_transfers
        on industries.industry_id = industry_transfers.industry_id
    left join industry_entropy
        on industries.industry_id = industry_entropy.industry_id

),

ranked as (

    select
        *,
        rank() over (order by transfers desc) as transfer_rank
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
        cast(pct_linked as bigint) as pct_linked,
        cast(pct_linked_share as {{ type_double() }}) as pct_linked_share,
        cast(high_value as bigint) as high_value,
        cast(high_value_share as {{ type_double() }}) as high_value_share,
        cast(ipc_code_count as bigint) as ipc_code_count,
        cast(distinct_ipc_subclass_count as bigint) as distinct_ipc_subclass_count,
        cast(ipc_entropy as {{ type_double() }}) as ipc_entropy
    from ranked

)

select * from final
