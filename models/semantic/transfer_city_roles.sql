{#-
    One row per in-scope transfer and city role (int_transfer_city_roles): the source city (primary
    transferor's) and the destination city (primary transferee's), each as its city bucket (an unknown city
    is 大湾区外, as in city_summary). Lets the semantic layer count transfers out, transfers in and transfers
    in or out by one `city` entity.
-#}
with

city_roles as (

    select * from {{ ref('int_transfer_city_roles') }}

),

final as (

    select
        cast(record_id || ':' || city_role as {{ dbt.type_string() }}) as transfer_city_role_id,
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(city_role as {{ dbt.type_string() }}) as city_role,
        cast(city_bucket as {{ dbt.type_string() }}) as city,
        cast(effective_date as date) as effective_date,
        cast(party_key as {{ dbt.type_string() }}) as party_key
    from city_roles

)

select * from final
