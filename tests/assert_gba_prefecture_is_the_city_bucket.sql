{#-
    Inside the GBA a party's prefecture-level unit is its 11-city bucket (docs/architecture.md, "Place of a
    party"): every located party whose city is one of the 11 has a prefecture, and that prefecture reports under
    the same city. Returns each party (as exported: name and address) that breaks it.
-#}
with

parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

)

select
    parties.exported_name,
    parties.exported_address,
    parties.party_city,
    parties.party_prefecture_adcode,
    prefectures.city as prefecture_city
from parties
left join prefectures
    on parties.party_prefecture_adcode = prefectures.prefecture_adcode
where
    parties.party_city != '大湾区外'
    and (prefectures.city is null or prefectures.city != parties.party_city)
