{#-
    One row per research institution that is the primary transferor of an in-scope transfer (dim_institutions),
    with its transfers out and their ranks, reach, shares by destination, industry, quality and timing
    (docs/architecture.md, "Institution and enterprise summaries").
    - Ranks: rank() by transfers out (ties share a rank), overall, within the institution's city (its
      dim_institutions modal source city, unknown counted as 大湾区外) and within its kind.
    - Kind: the registry's institution_kind; for an unregistered institution the first word its name holds (read
      as simplified Chinese): 大学/学院/学校 → higher_education, 研究院/研究所/研究中心/实验室 → research_institute,
      医院 → hospital (and the English words of the same meaning), else other.
    - Reach: distinct enterprises, and distinct known prefecture-level cities and provinces of the enterprises.
    - Shares by destination: the same prefecture as the transfer's source (own city), another GBA city, and
      outside the GBA or unknown (as the city buckets count an unknown city); the three sum to 1.
    - Grant to transfer: the median (continuous) of grant_to_transfer_days over its non-negative values; a
      negative value is a data error, counted in transfers_before_grant and left out of the median.
-#}
{%- set higher_education_words = ['大学', '学院', '学校', 'university', 'college', 'polytechnic'] -%}
{%- set research_institute_words = ['研究院', '研究所', '研究中心', '实验室', 'institute', 'academy', 'laboratory'] -%}
{%- set hospital_words = ['医院', 'hospital'] -%}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

institutions as (

    select * from {{ ref('dim_institutions') }}

),

scoped_records as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

institution_transfers as (

    select
        source_institution_key as institution_key,
        count(*) as transfers,
        count(distinct destination_enterprise_key) as enterprises,
        count(distinct destination_prefecture_adcode) as cities,
        count(distinct destination_province) as provinces,
        sum(
            case when source_prefecture_adcode = destination_prefecture_adcode then 1 else 0 end
        ) as own_city_transfers,
        sum(
            case
                when coalesce(source_prefecture_adcode = destination_prefecture_adcode, false) then 0
                when destination_city_bucket != '大湾区外' then 1
                else 0
            end
        ) as other_gba_city_transfers,
        sum(case when is_invention then 1 else 0 end) as inventions,
        sum(case when is_pct_linked then 1 else 0 end) as pct_linked_transfers,
        sum(case when is_high_value then 1 else 0 end) as high_value_transfers,
        {{ percentile_cont('case when grant_to_transfer_days >= 0 then grant_to_transfer_days end', 0.5) }}
            as median_grant_to_transfer_days,
        sum(case when grant_to_transfer_days < 0 then 1 else 0 end) as transfers_before_grant,
        min(effective_date) as first_transfer_date,
        max(effective_date) as last_transfer_date
    from transfers
    group by source_institution_key

),

industry_counts as (

    select
        source_institution_key as institution_key,
        industry_id,
        industry,
        count(*) as transfers
    from transfers
    where industry_id is not null
    group by
        source_institution_key,
        industry_id,
        industry

),

top_industries as (

    select
        institution_key,
        industry as top_industry
    from (
        select
            institution_key,
            industry,
            row_number() over (partition by institution_key order by transfers desc, industry_id asc) as industry_rank
        from industry_counts
    ) as ranked_industries
    where industry_rank = 1

),

{# IPC diversity: Shannon entropy (natural log) of the subclass distribution over every IPC code of the
   institution's transfers, as industry_summary's ipc_entropy. #}
transfer_ipc_codes as (

    select
        transfers.source_institution_key as institution_key,
        {{ unnest_list('scoped_records.ipc_codes', 'ipc_code') }}
    from transfers
    inner join scoped_records
        on transfers.record_id = scoped_records.record_id

),

subclass_counts as (

    select
        institution_key,
        left(ipc_code, 4) as ipc_subclass,
        count(*) as ipc_codes
    from transfer_ipc_codes
    where length(ipc_code) >= 4
    group by
        institution_key,
        left(ipc_code, 4)

),

subclass_shares as (

    select
        institution_key,
        ipc_codes / sum(cast(ipc_codes as {{ type_double() }})) over (partition by institution_key) as subclass_share
    from subclass_counts

),

institution_entropy as (

    select
        institution_key,
        0.0 - sum(subclass_share * ln(subclass_share)) as ipc_entropy
    from subclass_shares
    group by institution_key

),

named_institutions as (

    select
        *,
        lower({{ to_simplified('institution_name') }}) as name_key
    from institutions

),

described as (

    select
        named_institutions.institution_key,
        named_institutions.institution_name,
        named_institutions.institution_id,
        named_institutions.is_registered,
        case
            when named_institutions.is_registered then named_institutions.institution_kind
            when {{ contains_any('named_institutions.name_key', higher_education_words) }} then 'higher_education'
            when {{ contains_any('named_institutions.name_key', research_institute_words) }} then 'research_institute'
            when {{ contains_any('named_institutions.name_key', hospital_words) }} then 'hospital'
            else 'other'
        end as institution_kind,
        coalesce(named_institutions.modal_source_city, '大湾区外') as city
    from named_institutions

),

measured as (

    select
        described.*,
        institution_transfers.transfers as transfers_out,
        rank() over (order by institution_transfers.transfers desc) as transfers_out_rank,
        rank() over (
            partition by described.city order by institution_transfers.transfers desc
        ) as city_transfers_out_rank,
        rank() over (
            partition by described.institution_kind order by institution_transfers.transfers desc
        ) as kind_transfers_out_rank,
        institution_transfers.enterprises,
        institution_transfers.cities,
        institution_transfers.provinces,
        institution_transfers.own_city_transfers
        / cast(institution_transfers.transfers as {{ type_double() }}) as own_city_share,
        institution_transfers.other_gba_city_transfers
        / cast(institution_transfers.transfers as {{ type_double() }}) as other_gba_city_share,
        (
            institution_transfers.transfers
            - institution_transfers.own_city_transfers
            - institution_transfers.other_gba_city_transfers
        )
        / cast(institution_transfers.transfers as {{ type_double() }}) as outside_gba_share,
        top_industries.top_industry,
        institution_entropy.ipc_entropy,
        institution_transfers.inventions
        / cast(institution_transfers.transfers as {{ type_double() }}) as invention_share,
        institution_transfers.pct_linked_transfers
        / cast(institution_transfers.transfers as {{ type_double() }}) as pct_linked_share,
        institution_transfers.high_value_transfers
        / cast(institution_transfers.transfers as {{ type_double() }}) as high_value_share,
        institution_transfers.median_grant_to_transfer_days,
        institution_transfers.transfers_before_grant,
        institution_transfers.first_transfer_date,
        institution_transfers.last_transfer_date
    from described
    inner join institution_transfers
        on described.institution_key = institution_transfers.institution_key
    left join top_industries
        on described.institution_key = top_industries.institution_key
    left join institution_entropy
        on described.institution_key = institution_entropy.institution_key

),

final as (

    select
        cast(institution_key as {{ dbt.type_string() }}) as institution_key,
        cast(institution_name as {{ dbt.type_string() }}) as institution_name,
        cast(institution_id as {{ dbt.type_string() }}) as institution_id,
        cast(is_registered as boolean) as is_registered,
        cast(institution_kind as {{ dbt.type_string() }}) as institution_kind,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(transfers_out as bigint) as transfers_out,
        cast(transfers_out_rank as bigint) as transfers_out_rank,
        cast(city_transfers_out_rank as bigint) as city_transfers_out_rank,
        cast(kind_transfers_out_rank as bigint) as kind_transfers_out_rank,
        cast(enterprises as bigint) as enterprises,
        cast(cities as bigint) as cities,
        cast(provinces as bigint) as provinces,
        cast(own_city_share as {{ type_double() }}) as own_city_share,
        cast(other_gba_city_share as {{ type_double() }}) as other_gba_city_share,
        cast(outside_gba_share as {{ type_double() }}) as outside_gba_share,
        cast(top_industry as {{ dbt.type_string() }}) as top_industry,
        cast(ipc_entropy as {{ type_double() }}) as ipc_entropy,
        cast(invention_share as {{ type_double() }}) as invention_share,
        cast(pct_linked_share as {{ type_double() }}) as pct_linked_share,
        cast(high_value_share as {{ type_double() }}) as high_value_share,
        cast(median_grant_to_transfer_days as {{ type_double() }}) as median_grant_to_transfer_days,
        cast(transfers_before_grant as bigint) as transfers_before_grant,
        cast(first_transfer_date as date) as first_transfer_date,
        cast(last_transfer_date as date) as last_transfer_date
    from measured

)

select * from final
