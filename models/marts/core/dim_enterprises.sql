{#-
    One row per destination enterprise (primary transferee) of an in-scope transfer: enterprises only, never
    individuals. The destination rows of int_transfer_city_roles, as fct_transfers carries them.
-#}
with

source_roles as (

    select * from {{ ref('int_transfer_city_roles') }}
    where city_role = 'source'

),

destination_roles as (

    select * from {{ ref('int_transfer_city_roles') }}
    where city_role = 'destination'

),

enterprise_transfers as (

    select
        destination_roles.party_key as enterprise_key,
        destination_roles.party_name as enterprise_name,
        count(*) as transfers,
        count(distinct source_roles.party_key) as source_institutions,
        min(destination_roles.effective_date) as first_transfer_date,
        max(destination_roles.effective_date) as last_transfer_date
    from destination_roles
    inner join source_roles
        on destination_roles.record_id = source_roles.record_id
    group by
        destination_roles.party_key,
        destination_roles.party_name

),

enterprise_city_counts as (

    select
        party_key as enterprise_key,
        party_city as city,
        count(*) as transfers
    from destination_roles
    where party_city is not null
    group by
        party_key,
        party_city

),

ranked_cities as (

    select
        enterprise_key,
        city,
        row_number() over (
            partition by enterprise_key
            order by transfers desc, city asc
        ) as city_rank
    from enterprise_city_counts

),

modal_cities as (

    select
        enterprise_key,
        city as modal_city
    from ranked_cities
    where city_rank = 1

),

final as (

    select
        cast(enterprise_transfers.enterprise_key as {{ dbt.type_string() }}) as enterprise_key,
        cast(enterprise_transfers.enterprise_name as {{ dbt.type_string() }}) as enterprise_name,
        cast(modal_cities.modal_city as {{ dbt.type_string() }}) as modal_city,
        cast(enterprise_transfers.transfers as bigint) as transfers,
        cast(enterprise_transfers.source_institutions as bigint) as source_institutions,
        cast(enterprise_transfers.first_transfer_date as date) as first_transfer_date,
        cast(enterprise_transfers.last_transfer_date as date) as last_transfer_date
    from enterprise_transfers
    left join modal_cities
        on enterprise_transfers.enterprise_key = modal_cities.enterprise_key

)

select * from final
