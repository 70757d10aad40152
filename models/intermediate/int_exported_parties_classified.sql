{#-
    One row per party as the export writes it: a distinct folded name with the address beside it (the
    address is the first party's on each side, NULL for a party listed later), with the party's type,
    registered institution and city, the place name that decided the city and the rule that matched. Every
    one of these depends on the name and the address alone, so a party is classified once however many
    records name it (int_parties_classified gives each record's parties their row here); the parties are
    int_exported_parties_deduplicated's.
    City: a row of ref_party_overrides, else the address, else the registry city of a registered
    institution (or, for a unit of one whose name names no city after the parent's name, the parent's: rule
    `parent`), else a city named in the party's own name (rule `unit` for a city named after a parent's
    name), else unknown.
    The same basis gives the party's prefecture-level unit and province (docs/architecture.md#place-of-a-party):
    the address's deciding name; the registered institution's seat (inside the GBA or not); the city's own row
    for an override's city of the 11; the named prefecture, 香港 or 澳门 for a city in the name. An override's
    大湾区外 has no prefecture and no province; a province alone gives no prefecture.
-#}
with

parties as (

    select * from {{ ref('int_exported_parties_deduplicated') }}

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

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

),

{# The 11 GBA cities' own rows, for a city known only as a bucket (an override). #}
gba_city_rows as (

    select
        city,
        prefecture_adcode
    from prefectures
    where city != '大湾区外'

),

{# The unit of each registry seat, by name (重庆市 names two units: the first, its urban districts). #}
seat_rows as (

    select
        prefecture_name as seat,
        min(prefecture_adcode) as prefecture_adcode
    from prefectures
    group by prefecture_name

),

{# The unit of each city name a party name may hold (int_party_names_classified's city_names). #}
name_places as (

    select
        place_name,
        min(prefecture_adcode) as prefecture_adcode
    from {{ ref('stg_reference__places') }}
    where
        step in (1, 2)
        or (step = 4 and place_kind = 'sar')
        or (step = 6 and place_kind in ('city', 'sar'))
    group by place_name

),

joined as (

    select
        parties.party_name as exported_name,
        parties.party_address as exported_address,
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
        party_names.name_city_rule,
        addresses.prefecture_adcode as address_prefecture_adcode,
        addresses.province_name as address_province,
        override_rows.prefecture_adcode as override_prefecture_adcode,
        registry_rows.prefecture_adcode as registry_prefecture_adcode,
        name_places.prefecture_adcode as name_prefecture_adcode
    from parties
    left join party_names
        on parties.party_name = party_names.party_name
    left join addresses
        on parties.party_address = addresses.address
    left join overrides
        on lower(parties.party_name) = overrides.party_key and overrides.city is not null
    left join gba_city_rows as override_rows
        on overrides.city = override_rows.city
    left join seat_rows as registry_rows
        on party_names.registry_seat = registry_rows.seat
    left join name_places
        on party_names.name_city_place = name_places.place_name

),

located as (

    select
        exported_name,
        exported_address,
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
        end as party_city_rule,
        case
            when override_city is not null then override_prefecture_adcode
            when address_city is not null then address_prefecture_adcode
            when registry_city is not null then registry_prefecture_adcode
            when name_city is not null then name_prefecture_adcode
        end as party_prefecture_adcode,
        case when override_city is null and address_city is not null then address_province end as address_province
    from joined

),

final as (

    {#- exported_party_id: a number for each party, for the hub's joins. The hub ranks each record's parties
        on this narrow key and fetches the classification afterwards, where ranking with every column carried
        held them all for millions of records. #}
    select
        row_number() over (
            order by located.exported_name, located.exported_address nulls first
        ) as exported_party_id,
        located.exported_name,
        located.exported_address,
        located.party_name,
        located.party_type,
        located.institution_id,
        located.party_city,
        located.party_city_basis,
        located.party_city_place,
        located.party_city_rule,
        located.party_prefecture_adcode,
        prefectures.prefecture_name as party_prefecture,
        coalesce(prefectures.province_name, located.address_province) as party_province
    from located
    left join prefectures
        on located.party_prefecture_adcode = prefectures.prefecture_adcode

)

select * from final
