{#-
    One row per source institution (primary transferor) of an in-scope transfer, registered or not: the
    source rows of int_transfer_city_roles, as fct_transfers carries them.
-#}
with

source_roles as (

    select * from {{ ref('int_transfer_city_roles') }}
    where city_role = 'source'

),

in_scope_transfers as (

    select * from {{ ref('int_transfer_records_in_scope') }}

),

institution_aliases as (

    select * from {{ ref('stg_reference__institutions') }}

),

registered_institutions as (

    select distinct
        institution_id,
        institution_name,
        city as registry_city,
        institution_kind
    from institution_aliases

),

institution_ids as (

    {#- The registry id the scoping matched each in-scope transferor's name to (NULL: not registered). -#}
    select
        source_institution as institution_name,
        max(source_institution_id) as institution_id
    from in_scope_transfers
    group by source_institution

),

institution_transfers as (

    select
        party_key as institution_key,
        party_name as institution_name,
        count(*) as n_transfers,
        min(effective_date) as first_transfer_date,
        max(effective_date) as last_transfer_date
    from source_roles
    group by
        party_key,
        party_name

),

institution_city_counts as (

    select
        party_key as institution_key,
        party_city as city,
        count(*) as n_transfers
    from source_roles
    where party_city is not null
    group by
        party_key,
        party_city

),

ranked_cities as (

    select
        institution_key,
        city,
        row_number() over (
            partition by institution_key
            order by n_transfers desc, city asc
        ) as city_rank
    from institution_city_counts

),

modal_cities as (

    select
        institution_key,
        city as modal_source_city
    from ranked_cities
    where city_rank = 1

),

final as (

    select
        cast(institution_transfers.institution_key as {{ dbt.type_string() }}) as institution_key,
        cast(institution_transfers.institution_name as {{ dbt.type_string() }}) as institution_name,
        cast(institution_ids.institution_id as {{ dbt.type_string() }}) as institution_id,
        cast(registered_institutions.institution_id is not null as boolean) as is_registered,
        cast(registered_institutions.institution_kind as {{ dbt.type_string() }}) as institution_kind,
        cast(registered_institutions.registry_city as {{ dbt.type_string() }}) as registry_city,
        cast(modal_cities.modal_source_city as {{ dbt.type_string() }}) as modal_source_city,
        cast(institution_transfers.n_transfers as bigint) as n_transfers,
        cast(institution_transfers.first_transfer_date as date) as first_transfer_date,
        cast(institution_transfers.last_transfer_date as date) as last_transfer_date
    from institution_transfers
    left join institution_ids
        on institution_transfers.institution_name = institution_ids.institution_name
    left join registered_institutions
        on institution_ids.institution_id = registered_institutions.institution_id
    left join modal_cities
        on institution_transfers.institution_key = modal_cities.institution_key

)

select * from final
