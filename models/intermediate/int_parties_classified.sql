{#-
    One row per record x side x position: the party's type, registered institution and city, with the place
    name that decided the city and the rule that matched. City: a row of ref_party_overrides, else the address
    (first party on its side only), else the registry city of a registered institution (or, for a unit of one
    whose name names no city after the parent's name, the parent's: rule `parent`), else a city named in the
    party's own name (rule `unit` for a city named after a parent's name), else unknown.
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

overrides as (

    select * from {{ ref('stg_reference__party_overrides') }}

),

joined as (

    select
        parties.record_id,
        parties.side,
        parties.position,
        party_names.reported_name as party_name,
        party_names.party_type,
        party_names.institution_id,
        overrides.city as override_city,
        addresses.city as address_city,
        addresses.matched_place_name as address_city_place,
        addresses.matched_step as address_city_step,
        party_names.registry_city,
        party_names.registry_city_place,
        party_names.registry_city_rule,
        party_names.name_city,
        party_names.name_city_place,
        party_names.name_city_rule
    from parties
    left join party_names
        on parties.party_name = party_names.party_name
    left join addresses
        on parties.party_address = addresses.address
    left join overrides
        on lower(parties.party_name) = overrides.party_key and overrides.city is not null

),

located as (

    select
        record_id,
        side,
        position,
        party_name,
        party_type,
        institution_id,
        coalesce(override_city, address_city, registry_city, name_city) as party_city,
        case
            when override_city is not null then 'override'
            when address_city is not null then 'address'
            when registry_city is not null then 'registry'
            when name_city is not null then 'name'
        end as party_city_basis,
        case
            when override_city is not null then override_city
            when address_city is not null then address_city_place
            when registry_city is not null then registry_city_place
            when name_city is not null then name_city_place
        end as party_city_place,
        case
            when override_city is not null then 'override'
            when address_city is not null then address_city_step
            when registry_city is not null then registry_city_rule
            when name_city is not null then name_city_rule
        end as party_city_rule
    from joined

)

select * from located
