{#-
    One row per enterprise that is the primary transferee of an in-scope transfer (dim_enterprises): its
    transfers in, their rank overall and within its city (dim_enterprises' modal city, unknown counted as
    大湾区外; rank() by transfers in, ties share a rank), its distinct source institutions and the distinct known
    prefecture-level cities they transferred from, and its first and last transfer (docs/architecture.md,
    "Institution and enterprise summaries").
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

enterprises as (

    select * from {{ ref('dim_enterprises') }}

),

enterprise_transfers as (

    select
        destination_enterprise_key as enterprise_key,
        count(*) as transfers,
        count(distinct source_institution_key) as source_institutions,
        count(distinct source_prefecture_adcode) as source_cities,
        min(effective_date) as first_transfer_date,
        max(effective_date) as last_transfer_date
    from transfers
    group by destination_enterprise_key

),

measured as (

    select
        enterprises.enterprise_key,
        enterprises.enterprise_name,
        coalesce(enterprises.modal_city, '大湾区外') as city,
        enterprise_transfers.transfers as transfers_in,
        rank() over (order by enterprise_transfers.transfers desc) as transfers_in_rank,
        rank() over (
            partition by coalesce(enterprises.modal_city, '大湾区外') order by enterprise_transfers.transfers desc
        ) as city_transfers_in_rank,
        enterprise_transfers.source_institutions,
        enterprise_transfers.source_cities,
        enterprise_transfers.first_transfer_date,
        enterprise_transfers.last_transfer_date
    from enterprises
    inner join enterprise_transfers
        on enterprises.enterprise_key = enterprise_transfers.enterprise_key

),

final as (

    select
        cast(enterprise_key as {{ dbt.type_string() }}) as enterprise_key,
        cast(enterprise_name as {{ dbt.type_string() }}) as enterprise_name,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(transfers_in as bigint) as transfers_in,
        cast(transfers_in_rank as bigint) as transfers_in_rank,
        cast(city_transfers_in_rank as bigint) as city_transfers_in_rank,
        cast(source_institutions as bigint) as source_institutions,
        cast(source_cities as bigint) as source_cities,
        cast(first_transfer_date as date) as first_transfer_date,
        cast(last_transfer_date as date) as last_transfer_date
    from measured

)

select * from final
