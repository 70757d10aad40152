{#-
    One row per distinct folded party address: the city its best gazetteer match resolves to. Every place
    name is searched for in the lower-cased address (postcodes only as a prefix of a leading 6-digit
    postcode); the match with the lowest match_priority, then the leftmost position, then the longest name
    wins. Candidate positions are found by an equi-join on the first two characters of the place name, so
    the cost grows with the number of distinct addresses, not addresses x places.
-#}
with

parties as (

    select * from {{ ref('int_parties_split') }}

),

gazetteer as (

    select * from {{ ref('stg_reference__gazetteer') }}

),

addresses as (

    select distinct
        party_address as address,
        lower(party_address) as address_key
    from parties
    where party_address is not null

),

address_positions as (

    select
        address,
        address_key,
        {{ unnest_positions('length(address_key) - 1', 'match_position') }}
    from addresses

),

place_matches as (

    select
        address_positions.address,
        address_positions.match_position,
        gazetteer.place_name,
        gazetteer.place_key,
        gazetteer.place_kind,
        gazetteer.match_priority,
        gazetteer.city
    from address_positions
    inner join gazetteer
        on substr(address_positions.address_key, address_positions.match_position, 2) = left(gazetteer.place_key, 2)
    where
        gazetteer.place_kind != 'postcode'
        and substr(address_positions.address_key, address_positions.match_position, length(gazetteer.place_key))
        = gazetteer.place_key

),

postcode_matches as (

    select
        addresses.address,
        1 as match_position,
        gazetteer.place_name,
        gazetteer.place_key,
        gazetteer.place_kind,
        gazetteer.match_priority,
        gazetteer.city
    from addresses
    inner join gazetteer
        on left(addresses.address_key, 2) = left(gazetteer.place_key, 2)
    where
        gazetteer.place_kind = 'postcode'
        and {{ full_match('addresses.address_key', '\\d{6}(\\D.*)?') }}
        and left(addresses.address_key, length(gazetteer.place_key)) = gazetteer.place_key

),

all_matches as (

    select * from place_matches
    union all
    select * from postcode_matches

),

ranked_matches as (

    select
        *,
        row_number() over (
            partition by address
            order by match_priority asc, match_position asc, length(place_key) desc, place_key asc
        ) as match_rank
    from all_matches

),

best_matches as (

    select * from ranked_matches
    where match_rank = 1

),

located as (

    select
        addresses.address,
        best_matches.city,
        best_matches.place_name as matched_place_name,
        best_matches.place_kind as matched_place_kind,
        best_matches.match_priority,
        best_matches.match_position
    from addresses
    left join best_matches
        on addresses.address = best_matches.address

)

select * from located
