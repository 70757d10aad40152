{#-
    One row per in-scope transfer and city role: `source`, the side of the primary transferor, and
    `destination`, the side of the primary transferee (2 rows per transfer), with the party on that side and
    the city bucket the transfer counts in there: the party's city, or 大湾区外 when the city is unknown (an
    unknown city is not in the GBA), so each transfer counts on each side in exactly one of the 12 reference
    cities. The one home of that rule and of the party keys: fct_transfers, the dimensions, the city marts
    and the semantic layer read them here.
-#}
with

in_scope_transfers as (

    select * from {{ ref('int_transfer_records_in_scope') }}

),

source_roles as (

    select
        record_id,
        'source' as city_role,
        source_institution as party_name,
        source_city as party_city,
        effective_date,
        effective_year
    from in_scope_transfers

),

destination_roles as (

    select
        record_id,
        'destination' as city_role,
        destination_enterprise as party_name,
        destination_city as party_city,
        effective_date,
        effective_year
    from in_scope_transfers

),

city_roles as (

    select * from source_roles
    union all
    select * from destination_roles

),

final as (

    select
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(city_role as {{ dbt.type_string() }}) as city_role,
        cast(party_name as {{ dbt.type_string() }}) as party_name,
        cast({{ dbt.hash('party_name') }} as {{ dbt.type_string() }}) as party_key,
        cast(party_city as {{ dbt.type_string() }}) as party_city,
        cast(coalesce(party_city, '大湾区外') as {{ dbt.type_string() }}) as city_bucket,
        cast(effective_date as date) as effective_date,
        cast(effective_year as integer) as effective_year
    from city_roles

)

select * from final
