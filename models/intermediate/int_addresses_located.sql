{#-
    One row per distinct folded party address: the city it names, the place name that decided it and the step
    that matched (docs/architecture.md, "City of a party"; the steps are listed in
    stg_reference__places). address_key is the address lower-cased and read as simplified Chinese.
    - A place name directly followed by an optional number or direction and a street word is a street
      (北京路, 中山一路, 香港中路, 九龙二路) and never locates the address; 街道 after a name is a subdistrict.
    - Step 2 (a prefecture without 市) counts only where a step-3 unit follows it directly (贵阳白云区).
    - A step-3 name several units share is decided by a province written in the address, else by its one
      GBA unit (白云区 alone is 广州's, 东区 alone Hong Kong's), else it decides nothing.
    - English addresses are split on commas and read from the right; the first part that is a known place
      decides (Guangdong, China and PRC are skipped).
    - Names claim their characters: a name inside a longer one is part of it (东区 in 河东区, 沙田 in 沙田镇), and
      of two overlapping names the one that starts first wins (香港南区 is not 贵港's 港南区).
    - First step that matches wins; within a step the longest name, then the leftmost.
    - The deciding name also gives the prefecture-level unit (prefecture_adcode: a county's parent prefecture,
      a Hong Kong or Macau name or a GBA postcode its city's own row) and the province, where the name says
      them (docs/architecture.md, "Place of a party").
    Candidate positions are found by an equi-join on the first two characters of the place name, so the cost
    grows with the number of distinct addresses, not addresses x places.
-#}
{%- set street_word = '[一二三四五六七八九十0-9]*[东西南北中]?(路|街|道|大道|大街|巷|里)' -%}
{%- set english_skipped -%}
    {%- for part in ['china', 'prc', 'pr china', "people's republic of china"] -%}
        {{ string_literal(part) }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endset -%}
with

parties as (

    select * from {{ ref('int_exported_parties_deduplicated') }}

),

places as (

    select * from {{ ref('stg_reference__places') }}

),

distinct_addresses as (

    select distinct party_address as address
    from parties
    where party_address is not null

),

{# Keyed after distinct: reading as simplified Chinese costs a regular-expression test per text, which is
   once per distinct address here, not once per party row. #}
addresses as (

    select
        address,
        lower({{ to_simplified('address') }}) as address_key
    from distinct_addresses

),

address_positions as (

    select
        address,
        address_key,
        {{ unnest_positions('length(address_key) - 1', 'match_position') }}
    from addresses

),

chinese_matches as (

    select
        address_positions.address,
        address_positions.match_position,
        places.place_name,
        places.place_key,
        places.step,
        places.step_name,
        places.city,
        places.province_name,
        places.unit_key,
        places.prefecture_adcode,
        {{ full_match(
            'substr(address_positions.address_key, address_positions.match_position + length(places.place_key), 8)',
            street_word ~ '.*'
        ) }}
        and not {{ full_match(
            'substr(address_positions.address_key, address_positions.match_position + length(places.place_key), 8)',
            '[一二三四五六七八九十0-9]*[东西南北中]?街道.*'
        ) }} as is_street
    from address_positions
    inner join places
        on substr(address_positions.address_key, address_positions.match_position, 2) = left(places.place_key, 2)
    where
        places.step <= 5
        and substr(address_positions.address_key, address_positions.match_position, length(places.place_key))
        = places.place_key

),

{# Names claim their characters: a name inside a longer matched name is part of it (东区 in 河东区, 中山 in
   中山区, 九龙 in the street 九龙城路), and of two names that overlap the one that starts first wins (香港南区 is
   香港 and 南区, not 贵港's 港南区). #}
covered_matches as (

    select distinct
        inner_matches.address,
        inner_matches.match_position,
        inner_matches.place_key
    from chinese_matches as inner_matches
    inner join chinese_matches as outer_matches
        on
            inner_matches.address = outer_matches.address
            and (
                (
                    inner_matches.match_position >= outer_matches.match_position
                    and inner_matches.match_position + length(inner_matches.place_key)
                    <= outer_matches.match_position + length(outer_matches.place_key)
                    and length(inner_matches.place_key) < length(outer_matches.place_key)
                )
                or (
                    inner_matches.match_position > outer_matches.match_position
                    and inner_matches.match_position < outer_matches.match_position + length(outer_matches.place_key)
                    and inner_matches.match_position + length(inner_matches.place_key)
                    > outer_matches.match_position + length(outer_matches.place_key)
                )
            )

),

place_matches as (

    select chinese_matches.*
    from chinese_matches
    left join covered_matches
        on
            chinese_matches.address = covered_matches.address
            and chinese_matches.match_position = covered_matches.match_position
            and chinese_matches.place_key = covered_matches.place_key
    where not chinese_matches.is_street and covered_matches.address is null

),

{# A prefecture without 市 is a city only when a county-level unit, town or subdistrict follows it. #}
prefectures_followed_by_units as (

    select distinct
        prefectures.address,
        prefectures.match_position,
        prefectures.place_name,
        prefectures.place_key,
        prefectures.step,
        prefectures.step_name,
        prefectures.city,
        prefectures.prefecture_adcode,
        prefectures.province_name
    {#- The unit may lie inside a longer name (台中西区: 西区, inside 中西区): it still follows the prefecture. #}
    from place_matches as prefectures
    inner join chinese_matches as units
        on
            prefectures.address = units.address
            and units.match_position = prefectures.match_position + length(prefectures.place_key)
    where prefectures.step = 2 and units.step = 3 and not units.is_street

),

provinces_named as (

    select distinct
        address,
        province_name
    from place_matches
    where step = 5

),

{# Each step-3 match against every unit that bears its name. #}
county_candidates as (

    select
        place_matches.address,
        place_matches.match_position,
        place_matches.place_key,
        places.unit_key,
        places.city,
        places.prefecture_adcode,
        places.province_name,
        provinces_named.province_name is not null as is_in_named_province
    from place_matches
    inner join places
        on place_matches.place_key = places.place_key and places.step = 3
    left join provinces_named
        on
            place_matches.address = provinces_named.address
            and places.province_name = provinces_named.province_name
    where place_matches.step = 3

),

counties_decided as (

    select
        address,
        match_position,
        place_key,
        case
            when count(distinct unit_key) = 1 then max(city)
            when count(distinct case when is_in_named_province then unit_key end) = 1
                then max(case when is_in_named_province then city end)
            when count(distinct case when city != '大湾区外' then unit_key end) = 1
                then max(case when city != '大湾区外' then city end)
        end as city,
        {#- The unit that decided the city, by the same cases. #}
        case
            when count(distinct unit_key) = 1 then max(prefecture_adcode)
            when count(distinct case when is_in_named_province then unit_key end) = 1
                then max(case when is_in_named_province then prefecture_adcode end)
            when count(distinct case when city != '大湾区外' then unit_key end) = 1
                then max(case when city != '大湾区外' then prefecture_adcode end)
        end as prefecture_adcode,
        case
            when count(distinct unit_key) = 1 then max(province_name)
            when count(distinct case when is_in_named_province then unit_key end) = 1
                then max(case when is_in_named_province then province_name end)
            when count(distinct case when city != '大湾区外' then unit_key end) = 1
                then max(case when city != '大湾区外' then province_name end)
        end as province_name
    from county_candidates
    group by address, match_position, place_key

),

counties_located as (

    select distinct
        place_matches.address,
        place_matches.match_position,
        place_matches.place_name,
        place_matches.place_key,
        place_matches.step,
        place_matches.step_name,
        counties_decided.city,
        counties_decided.prefecture_adcode,
        counties_decided.province_name
    from place_matches
    inner join counties_decided
        on
            place_matches.address = counties_decided.address
            and place_matches.match_position = counties_decided.match_position
            and place_matches.place_key = counties_decided.place_key
    where place_matches.step = 3 and counties_decided.city is not null

),

english_parts as (

    select
        address,
        part_position,
        case
            when part_text like '% city' then trim(left(part_text, length(part_text) - 5))
            when part_text like '% province' then trim(left(part_text, length(part_text) - 9))
            else part_text
        end as part_key
    from (
        select
            address,
            part_position,
            trim(translate(part, '0123456789.', '')) as part_text
        from (
            select
                address,
                {{ unnest_with_position(split_nonempty('address_key', ','), 'part', 'part_position') }}
            from addresses
            where {{ full_match('address_key', '.*[a-z].*') }}
        ) as parts
    ) as trimmed_parts

),

english_matches as (

    select
        english_parts.address,
        -english_parts.part_position as match_position,
        places.place_name,
        places.place_key,
        places.step,
        places.step_name,
        places.city,
        places.prefecture_adcode,
        places.province_name,
        row_number() over (partition by english_parts.address order by english_parts.part_position desc) as part_rank
    from english_parts
    inner join places
        on english_parts.part_key = places.place_key and places.step = 6
    where
        places.city is not null
        and english_parts.part_key not in ({{ english_skipped }})

),

postcode_matches as (

    select
        addresses.address,
        1 as match_position,
        places.place_name,
        places.place_key,
        places.step,
        places.step_name,
        places.city,
        places.prefecture_adcode,
        places.province_name
    from addresses
    inner join places
        on left(addresses.address_key, 2) = left(places.place_key, 2) and places.step = 7
    where
        {{ full_match('addresses.address_key', '[0-9]{6}([^0-9].*)?') }}
        and left(addresses.address_key, length(places.place_key)) = places.place_key

),

all_matches as (

    select
        address,
        match_position,
        place_name,
        place_key,
        step,
        step_name,
        city,
        prefecture_adcode,
        province_name
    from place_matches
    where step in (1, 4, 5) and city is not null
    union all
    select * from prefectures_followed_by_units
    union all
    select * from counties_located
    union all
    select
        address,
        match_position,
        place_name,
        place_key,
        step,
        step_name,
        city,
        prefecture_adcode,
        province_name
    from english_matches
    where part_rank = 1
    union all
    select * from postcode_matches

),

ranked_matches as (

    select
        *,
        row_number() over (
            partition by address
            {#- The same name can be two units (重庆市: 500100 its districts, 500200 its counties): the first. #}
            order by step asc, length(place_key) desc, match_position asc, place_key asc, prefecture_adcode asc
        ) as match_rank
    from all_matches

),

located as (

    select
        addresses.address,
        ranked_matches.city,
        ranked_matches.place_name as matched_place_name,
        ranked_matches.step_name as matched_step,
        ranked_matches.prefecture_adcode,
        ranked_matches.province_name
    from addresses
    left join ranked_matches
        on addresses.address = ranked_matches.address and ranked_matches.match_rank = 1

)

select * from located
