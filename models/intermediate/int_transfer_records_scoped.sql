{#-
    The hub: one row per raw record with its outcome (in_scope, duplicate, out_of_scope, rejected) and
    reason, primary parties and their cities, industry and quality measures. The transfer grain
    (outcome = 'in_scope') is int_transfer_records_in_scope.
-#}
{%- set expiry_date = dbt.dateadd('year', 'term_years', 'application_date') -%}
with

records as (

    select * from {{ ref('int_transfer_records_flagged') }}

),

ipc_codes as (

    select * from {{ ref('int_ipc_codes_mapped') }}

),

industries as (

    select * from {{ ref('stg_reference__industries') }}

),

cities as (

    select * from {{ ref('stg_reference__cities') }}

),

exported_parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

{# Each record's primary parties (docs/architecture.md, "Primary parties and scope"): its first research
    institution among the assignors and its first enterprise among the assignees, ranked on the narrow keys;
    the party's classification is joined by its number afterwards. Ranked with every column carried, the
    window held all of them for millions of records (past the memory limit at national scale). The parties
    view is named in both steps, not shared through a CTE: a CTE read twice is materialised. #}
ranked_transferors as (

    select
        record_id,
        exported_party_id,
        row_number() over (partition by record_id order by position) as party_rank
    from {{ ref('int_parties_classified') }}
    where side = 'assignor' and party_type = 'research_institution'

),

primary_transferor_ids as (

    select
        record_id,
        exported_party_id
    from ranked_transferors
    where party_rank = 1

),

ranked_transferees as (

    select
        record_id,
        exported_party_id,
        row_number() over (partition by record_id order by position) as party_rank
    from {{ ref('int_parties_classified') }}
    where side = 'assignee' and party_type = 'enterprise'

),

primary_transferee_ids as (

    select
        record_id,
        exported_party_id
    from ranked_transferees
    where party_rank = 1

),

gba_cities as (

    select city
    from cities
    where is_gba

),

joined as (

    select
        records.*,
        primary_transferors.party_name as source_institution,
        primary_transferors.institution_id as source_institution_id,
        primary_transferors.party_city as source_city,
        primary_transferors.party_city_basis as source_city_basis,
        primary_transferors.party_city_place as source_city_place,
        primary_transferors.party_city_rule as source_city_rule,
        primary_transferors.party_prefecture_adcode as source_prefecture_adcode,
        primary_transferors.party_prefecture as source_prefecture,
        primary_transferors.party_province as source_province,
        primary_transferees.party_name as destination_enterprise,
        primary_transferees.party_city as destination_city,
        primary_transferees.party_city_basis as destination_city_basis,
        primary_transferees.party_city_place as destination_city_place,
        primary_transferees.party_city_rule as destination_city_rule,
        primary_transferees.party_prefecture_adcode as destination_prefecture_adcode,
        primary_transferees.party_prefecture as destination_prefecture,
        primary_transferees.party_province as destination_province,
        source_gba.city is not null or destination_gba.city is not null as has_gba_party,
        ipc_codes.matched_ipc_prefix,
        industries.industry_id,
        industries.industry,
        industries.is_strategic_emerging
    from records
    left join primary_transferor_ids
        on records.record_id = primary_transferor_ids.record_id
    left join exported_parties as primary_transferors
        on primary_transferor_ids.exported_party_id = primary_transferors.exported_party_id
    left join primary_transferee_ids
        on records.record_id = primary_transferee_ids.record_id
    left join exported_parties as primary_transferees
        on primary_transferee_ids.exported_party_id = primary_transferees.exported_party_id
    left join gba_cities as source_gba
        on primary_transferors.party_city = source_gba.city
    left join gba_cities as destination_gba
        on primary_transferees.party_city = destination_gba.city
    left join ipc_codes
        on records.ipc_main = ipc_codes.ipc_code
    left join industries
        on ipc_codes.industry_id = industries.industry_id

),

scoped as (

    select
        *,
        case
            when reject_reason is not null then reject_reason
            when duplicate_of_record_id is not null then 'duplicate'
            when legal_event_kind != 'transfer' then 'not_a_transfer'
            when effective_date > {{ cutoff_date() }} then 'after_cutoff'
            when source_institution is null then 'no_research_transferor'
            when destination_enterprise is null then 'no_enterprise_transferee'
            when not has_gba_party then 'outside_gba'
        end as reason
    from joined

),

outcomes as (

    select
        *,
        case
            when reject_reason is not null then 'rejected'
            when duplicate_of_record_id is not null then 'duplicate'
            when reason is not null then 'out_of_scope'
            else 'in_scope'
        end as outcome
    from scoped

),

measured as (

    select
        *,
        patent_type = 'invention' as is_invention,
        coalesce(type_digit in (8, 9), false) or pct_application_no is not null as is_pct_linked,
        case patent_type
            when 'invention' then 20
            when 'utility_model' then 10
            when 'design' then case when application_date >= cast('2021-06-01' as date) then 15 else 10 end
        end as term_years
    from outcomes

),

final as (

    select
        record_id,
        outcome,
        reason,
        duplicate_of_record_id,
        application_no,
        type_digit,
        patent_type,
        is_invention,
        is_pct_linked,
        title,
        application_date,
        grant_date,
        effective_date,
        cast(extract(year from effective_date) as integer) as effective_year,
        ipc_main,
        ipc_main_subclass,
        ipc_codes,
        legal_event_kind,
        is_patent_right_transfer,
        source_institution,
        source_institution_id,
        source_city,
        source_city_basis,
        source_city_place,
        source_city_rule,
        source_prefecture_adcode,
        source_prefecture,
        source_province,
        destination_enterprise,
        destination_city,
        destination_city_basis,
        destination_city_place,
        destination_city_rule,
        destination_prefecture_adcode,
        destination_prefecture,
        destination_province,
        industry_id,
        industry,
        matched_ipc_prefix,
        is_strategic_emerging,
        is_invention
        and (
            coalesce(is_strategic_emerging, false)
            or is_pct_linked
            or {{ dbt.dateadd('year', 10, 'application_date') }} < {{ cutoff_date() }}
        ) as is_high_value,
        {{ dbt.datediff('application_date', 'effective_date', 'day') }} as age_at_transfer_days,  -- noqa: LT05
        {{ dbt.datediff('application_date', 'grant_date', 'day') }} as grant_lag_days,  -- noqa: LT05
        {# From grant to the transfer, for a granted patent only (docs/architecture.md, "Grant to transfer"):
            a transfer of the patent right always (negative: a data error, kept to be counted), a transfer
            in another form (专利申请权、专利权的转移) when the grant precedes it; a transfer of the right to apply
            and a patent without a grant date have none. #}
        case
            when grant_date is not null and (is_patent_right_transfer or grant_date <= effective_date)
                then {{ dbt.datediff('grant_date', 'effective_date', 'day') }}
        end as grant_to_transfer_days,
        {{ dbt.datediff('effective_date', expiry_date, 'day') }} as remaining_term_days,  -- noqa: LT05
        {{ count_distinct_prefixes('ipc_codes', 4) }} as ipc_subclasses
    from measured

)

select * from final
