{#-
    A party placed by the registry is placed at its registered institution's seat, inside the GBA or outside it
    (docs/architecture.md#place-of-a-party): it has a prefecture and a province, that prefecture is the seat,
    and it reports under the party's city. Returns each party (as exported: name and address) that breaks it.
-#}
with

parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

party_names as (

    select * from {{ ref('int_party_names_classified') }}

),

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

),

registry_parties as (

    select
        parties.exported_name,
        parties.exported_address,
        parties.party_city,
        parties.party_prefecture_adcode,
        parties.party_province,
        party_names.registry_seat
    from parties
    inner join party_names
        on parties.party_name = party_names.reported_name
    where parties.party_city_basis = 'registry'

)

select
    registry_parties.exported_name,
    registry_parties.exported_address,
    registry_parties.registry_seat,
    registry_parties.party_prefecture_adcode,
    prefectures.prefecture_name
from registry_parties
left join prefectures
    on registry_parties.party_prefecture_adcode = prefectures.prefecture_adcode
where
    registry_parties.party_province is null
    or prefectures.prefecture_name is null
    or prefectures.prefecture_name != registry_parties.registry_seat
    or prefectures.city != registry_parties.party_city
