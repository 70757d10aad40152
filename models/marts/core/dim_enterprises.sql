{#-
    One row per destination enterprise (primary transferee) seen in fct_transfers: enterprises only, never
    individuals.
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

enterprise_transfers as (

    select
        destination_enterprise_key as enterprise_key,
        destination_enterprise as enterprise_name,
        count(*) as n_transfers,
        count(distinct source_institution_key) as n_source_institutions,
        min(effective_date) as first_transfer_date,
        max(effective_date) as last_transfer_date
    from transfers
    group by
        destination_enterprise_key,
        destination_enterprise

),

enterprise_city_counts as (

    select
        destination_enterprise_key as enterprise_key,
        destination_city as city,
        count(*) as n_transfers
    from transfers
    where destination_city is not null
    group by
        destination_enterprise_key,
        destination_city

),

ranked_cities as (

    select
        enterprise_key,
        city,
        row_number() over (
            partition by enterprise_key
            order by n_transfers desc, city asc
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
        cast(enterprise_transfers.n_transfers as bigint) as n_transfers,
        cast(enterprise_transfers.n_source_institutions as bigint) as n_source_institutions,
        cast(enterprise_transfers.first_transfer_date as date) as first_transfer_date,
        cast(enterprise_transfers.last_transfer_date as date) as last_transfer_date
    from enterprise_transfers
    left join modal_cities
        on enterprise_transfers.enterprise_key = modal_cities.enterprise_key

)

select * from final
