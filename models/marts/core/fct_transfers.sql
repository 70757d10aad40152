{#-
    One row per in-scope transfer (the kept raw record), with keys to every dimension. The party keys and
    city buckets are those of int_transfer_city_roles, the transfer's source and destination rows.
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


transfers as (

    select
        in_scope_transfers.*,
        source_roles.party_key as source_institution_key,
        source_roles.city_bucket as source_city_bucket,
        destination_roles.party_key as destination_enterprise_key,
        destination_roles.city_bucket as destination_city_bucket
    from in_scope_transfers
    left join source_roles
        on in_scope_transfers.record_id = source_roles.record_id
    left join destination_roles
        on in_scope_transfers.record_id = destination_roles.record_id

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
        cast(ipc_subclasses as integer) as ipc_subclasses
    from transfers

)

select * from final
