{#-
    One row per in-scope transfer and city role: the source city (primary transferor's) and the
    destination city (primary transferee's), an unknown city counted as 大湾区外 as in city_summary.
    Lets the semantic layer count transfers out, transfers in and activity by one `city` entity.
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

),

source_roles as (

    select
        record_id,
        'source' as city_role,
        coalesce(source_city, '大湾区外') as city,
        effective_date,
        source_institution_key as party_key
    from transfers

),

destination_roles as (

    select
        record_id,
        'destination' as city_role,
        coalesce(destination_city, '大湾区外') as city,
        effective_date,
        destination_enterprise_key as party_key
    from transfers

),

city_roles as (

    select * from source_roles
    union all
    select * from destination_roles

),

final as (

    select
        cast(record_id || ':' || city_role as {{ dbt.type_string() }}) as transfer_city_role_id,
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(city_role as {{ dbt.type_string() }}) as city_role,
        cast(city as {{ dbt.type_string() }}) as city,
        cast(effective_date as date) as effective_date,
        cast(party_key as {{ dbt.type_string() }}) as party_key
    from city_roles

)

select * from final
