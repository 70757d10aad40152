{#-
    One row per record x side x position: the party's type, registered institution and city.
    City: the address (first party on its side only), else the registry city of a registered institution,
    else a city named in the party's own name, else unknown.
-#}
with

parties as (

    select * from {{ ref('int_parties_split') }}

),

party_names as (

    select * from {{ ref('int_party_names_classified') }}

),

addresses as (

    select * from {{ ref('int_addresses_located') }}

),

joined as (

    select
        parties.record_id,
        parties.side,
        parties.position,
        party_names.reported_name as party_name,
        party_names.party_type,
        party_names.institution_id,
        addresses.city as address_city,
        party_names.registry_city,
        party_names.name_city
    from parties
    left join party_names
        on parties.party_name = party_names.party_name
    left join addresses
        on parties.party_address = addresses.address

),

located as (

    select
        record_id,
        side,
        position,
        party_name,
        party_type,
        institution_id,
        coalesce(address_city, registry_city, name_city) as party_city,
        case
            when address_city is not null then 'address'
            when registry_city is not null then 'registry'
            when name_city is not null then 'name'
        end as party_city_basis
    from joined

)

select * from located
