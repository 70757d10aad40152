{#-
    One row per record x side x position: the party's type, registered institution and city, with the place
    name that decided the city and the rule that matched, from int_exported_parties_classified (the party as
    exported: its name and the address beside it, classified once however many records name it).
    A view: the classification depends on the name and address alone, so storing it again for each of the
    records that name a party would copy the same values millions of times at national scale.
-#}
{{ config(materialized='view') }}

with

parties as (

    select * from {{ ref('int_parties_split') }}

),

exported_parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

{# An address is never empty text (staging makes an empty one NULL), so '' stands for "no address" in the key:
    an equality every engine can hash, where `is not distinct from` is a nested loop on PostgreSQL. #}
classified as (

    select
        parties.record_id,
        parties.side,
        parties.position,
        exported_parties.exported_party_id,
        exported_parties.party_name,
        exported_parties.party_type,
        exported_parties.institution_id,
        exported_parties.party_city,
        exported_parties.party_city_basis,
        exported_parties.party_city_place,
        exported_parties.party_city_rule,
        exported_parties.party_prefecture_adcode,
        exported_parties.party_prefecture,
        exported_parties.party_province
    from parties
    left join exported_parties
        on
            parties.party_name = exported_parties.exported_name
            and coalesce(parties.party_address, '') = coalesce(exported_parties.exported_address, '')

)

select * from classified
