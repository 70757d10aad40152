{#-
    One row per in-scope transfer (the kept raw record), with keys to every dimension. The party keys and
    city buckets are those of int_transfer_city_roles, the transfer's source and destination rows.
    Each party's prefecture, province and region, the kind of flow and the great-circle km between the two
    prefectures (docs/architecture.md, "Place of a party" and "Distance") are decided here, once: region_flows,
    flow_distance and the semantic layer read them.
-#}
with

in_scope_transfers as (

    select * from {{ ref('int_transfer_records_in_scope') }}

),

source_roles as (

    select
        record_id,
        party_key,
        city_bucket
    from {{ ref('int_transfer_city_roles') }}
    where city_role = 'source'

),

destination_roles as (

    select
        record_id,
        party_key,
        city_bucket
    from {{ ref('int_transfer_city_roles') }}
    where city_role = 'destination'

),

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

),

transfers as (

    select
        in_scope_transfers.*,
        source_roles.party_key as source_institution_key,
        source_roles.city_bucket as source_city_bucket,
        destination_roles.party_key as destination_enterprise_key,
        destination_roles.city_bucket as destination_city_bucket,
        {{ great_circle_km(
            'source_prefectures.latitude', 'source_prefectures.longitude',
            'destination_prefectures.latitude', 'destination_prefectures.longitude'
        ) }} as distance_km
    from in_scope_transfers
    left join source_roles
        on in_scope_transfers.record_id = source_roles.record_id
    left join destination_roles
        on in_scope_transfers.record_id = destination_roles.record_id
    left join prefectures as source_prefectures
        on in_scope_transfers.source_prefecture_adcode = source_prefectures.prefecture_adcode
    left join prefectures as destination_prefectures
        on in_scope_transfers.destination_prefecture_adcode = destination_prefectures.prefecture_adcode

),

{# A region: a GBA city; else a province outside the GBA (Guangdong's other cities one region); else 未知. #}
regions as (

    select
        *,
        case
            when source_city != '大湾区外' then source_city
            when source_province = '广东省' then '广东省（大湾区外）'
            when source_province is not null then source_province
            else '未知'
        end as source_region,
        case
            when destination_city != '大湾区外' then destination_city
            when destination_province = '广东省' then '广东省（大湾区外）'
            when destination_province is not null then destination_province
            else '未知'
        end as destination_region,
        source_city in ('香港', '澳门') as is_source_sar,
        destination_city in ('香港', '澳门') as is_destination_sar,
        {#- The mainland: a GBA city of Guangdong, or a known province other than the SARs and Taiwan. #}
        (
            source_city not in ('香港', '澳门', '大湾区外')
            or (source_city = '大湾区外' and source_province not in ('台湾省', '香港特别行政区', '澳门特别行政区'))
        ) as is_source_mainland,
        (
            destination_city not in ('香港', '澳门', '大湾区外')
            or (
                destination_city = '大湾区外'
                and destination_province not in ('台湾省', '香港特别行政区', '澳门特别行政区')
            )
        ) as is_destination_mainland
    from transfers

),

flows as (

    select
        *,
        case
            when source_city is null or destination_city is null then 'unknown'
            when source_city = destination_city and source_city != '大湾区外' then 'within_city'
            when
                (is_source_sar and coalesce(is_destination_mainland, false))
                or (is_destination_sar and coalesce(is_source_mainland, false))
                then 'cross_border'
            when source_city != '大湾区外' and destination_city != '大湾区外' then 'within_gba'
            when source_city != '大湾区外' then 'gba_to_outside'
            when destination_city != '大湾区外' then 'outside_to_gba'
            else 'unknown'
        end as flow_kind
    from regions

),

final as (

    select
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(application_no as {{ dbt.type_string() }}) as application_no,
        cast(effective_date as date) as effective_date,
        cast(effective_year as integer) as effective_year,
        cast(source_institution_key as {{ dbt.type_string() }}) as source_institution_key,
        cast(source_institution as {{ dbt.type_string() }}) as source_institution,
        cast(source_institution_id as {{ dbt.type_string() }}) as source_institution_id,
        cast(source_city as {{ dbt.type_string() }}) as source_city,
        cast(source_city_bucket as {{ dbt.type_string() }}) as source_city_bucket,
        cast(source_city_basis as {{ dbt.type_string() }}) as source_city_basis,
        cast(source_city_place as {{ dbt.type_string() }}) as source_city_place,
        cast(source_city_rule as {{ dbt.type_string() }}) as source_city_rule,
        cast(destination_enterprise_key as {{ dbt.type_string() }}) as destination_enterprise_key,
        cast(destination_enterprise as {{ dbt.type_string() }}) as destination_enterprise,
        cast(destination_city as {{ dbt.type_string() }}) as destination_city,
        cast(destination_city_bucket as {{ dbt.type_string() }}) as destination_city_bucket,
        cast(destination_city_basis as {{ dbt.type_string() }}) as destination_city_basis,
        cast(destination_city_place as {{ dbt.type_string() }}) as destination_city_place,
        cast(destination_city_rule as {{ dbt.type_string() }}) as destination_city_rule,
        cast(industry_id as integer) as industry_id,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(matched_ipc_prefix as {{ dbt.type_string() }}) as matched_ipc_prefix,
        cast(patent_type as {{ dbt.type_string() }}) as patent_type,
        cast(is_invention as boolean) as is_invention,
        cast(is_pct_linked as boolean) as is_pct_linked,
        cast(is_high_value as boolean) as is_high_value,
        cast(age_at_transfer_days as integer) as age_at_transfer_days,
        cast(grant_lag_days as integer) as grant_lag_days,
        cast(remaining_term_days as integer) as remaining_term_days,
        cast(ipc_subclasses as integer) as ipc_subclasses,
        cast(source_prefecture_adcode as {{ dbt.type_string() }}) as source_prefecture_adcode,
        cast(source_prefecture as {{ dbt.type_string() }}) as source_prefecture,
        cast(source_province as {{ dbt.type_string() }}) as source_province,
        cast(source_region as {{ dbt.type_string() }}) as source_region,
        cast(destination_prefecture_adcode as {{ dbt.type_string() }}) as destination_prefecture_adcode,
        cast(destination_prefecture as {{ dbt.type_string() }}) as destination_prefecture,
        cast(destination_province as {{ dbt.type_string() }}) as destination_province,
        cast(destination_region as {{ dbt.type_string() }}) as destination_region,
        cast(flow_kind as {{ dbt.type_string() }}) as flow_kind,
        cast(distance_km as {{ type_double() }}) as distance_km,
        cast(grant_to_transfer_days as integer) as grant_to_transfer_days
    from flows

)

select * from final
