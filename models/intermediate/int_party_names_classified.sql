{#-
    One row per distinct folded party name: its party type, the registered institution it denotes, that
    institution's registry city, and the city named in the name itself (SPEC §3, docs/architecture.md).
    Party type, first rule that applies: a row of ref_party_overrides; the exact name or alias of a registered
    institution; a company form (so a university's asset company is an enterprise); an institution word; a
    two-to-four-character Han name (individual); else other. Words are looked for in the name read as
    simplified Chinese, so 集團, 廠 and 會社 count as 集团, 厂 and 会社.
    City in the name: a prefecture-level city (with or without 市), 香港 or 澳门, or a GBA city's English name,
    written before 分公司 (a branch is where the branch is), else at the start of the name, else in brackets;
    never where a registered institution's name begins (中山大学X有限公司 is not 中山).
-#}
{%- set company_forms = [
    '有限公司', '股份有限公司', '有限责任公司', '集团', '公司', '厂', '合伙企业', '(有限合伙)', '株式会社', '会社',
] -%}
{#- Latin company forms: whole words, case-insensitive, dots optional (Co., Ltd, S.p.A., GmbH …). -#}
{%- set latin_company_form =
    '(.*[^a-z])?(co|ltd|limited|inc|incorporated|corp|corporation|llc|plc|gmbh|ag|s\\.?a|n\\.?v|b\\.?v|pte|pty|s\\.?p\\.?a)\\.?([^a-z].*)?'
-%}
{%- set institution_words = [
    '大学', '学院', '研究院', '研究所', '研究中心', '实验室', '医院',
    'university', 'institute', 'college', 'academy', 'laboratory', 'hospital',
] -%}
with

parties as (

    select * from {{ ref('int_parties_split') }}

),

institutions as (

    select * from {{ ref('stg_reference__institutions') }}

),

institution_name_keys as (

    select distinct lower({{ to_simplified('alias') }}) as simplified_alias_key
    from institutions

),

places as (

    select * from {{ ref('stg_reference__places') }}

),

overrides as (

    select * from {{ ref('stg_reference__party_overrides') }}

),

distinct_names as (

    select distinct party_name
    from parties

),

{# Keyed after distinct, so the simplified reading runs once per distinct name. #}
names as (

    select
        party_name,
        lower(party_name) as name_key,
        lower({{ to_simplified('party_name') }}) as simplified_key
    from distinct_names

),

name_positions as (

    select
        party_name,
        simplified_key,
        {{ unnest_positions('length(simplified_key) - 1', 'match_position') }}
    from names

),

{# The city names a party name may hold: prefectures with and without 市, 香港, 澳门, English GBA names. #}
city_names as (

    select distinct
        place_key,
        place_name,
        city
    from places
    where
        step in (1, 2)
        or (step = 4 and place_kind = 'sar')
        or (step = 6 and place_kind in ('city', 'sar'))

),

city_matches as (

    select
        name_positions.party_name,
        name_positions.simplified_key,
        name_positions.match_position,
        city_names.place_key,
        city_names.place_name,
        city_names.city,
        substr(name_positions.simplified_key, name_positions.match_position + length(city_names.place_key))
            as following_text,
        case
            when name_positions.match_position > 1
                then substr(name_positions.simplified_key, name_positions.match_position - 1, 1)
        end as preceding_character
    from name_positions
    inner join city_names
        on substr(name_positions.simplified_key, name_positions.match_position, 2) = left(city_names.place_key, 2)
    where
        substr(name_positions.simplified_key, name_positions.match_position, length(city_names.place_key))
        = city_names.place_key

),

{# Where a registered institution's name or alias begins, a city name is part of it (中山大学). #}
institution_names_at as (

    select distinct
        city_matches.party_name,
        city_matches.match_position
    from city_matches
    inner join institution_name_keys
        on left(institution_name_keys.simplified_alias_key, 2) = left(city_matches.place_key, 2)
    where
        substr(
            city_matches.simplified_key, city_matches.match_position, length(institution_name_keys.simplified_alias_key)
        ) = institution_name_keys.simplified_alias_key

),

placed_matches as (

    select
        city_matches.*,
        case
            when {{ full_match('city_matches.following_text', '市?分公司.*') }} then 'branch'
            when city_matches.match_position = 1 then 'leading'
            when
                city_matches.preceding_character = '('
                and {{ full_match('city_matches.following_text', '市? ?\\).*') }}
                then 'bracket'
        end as name_rule,
        {{ full_match('city_matches.place_key', '.*[a-z].*') }} as is_latin
    from city_matches
    left join institution_names_at
        on
            city_matches.party_name = institution_names_at.party_name
            and city_matches.match_position = institution_names_at.match_position
    where institution_names_at.party_name is null

),

ranked_matches as (

    select
        party_name,
        place_name,
        city,
        name_rule,
        row_number() over (
            partition by party_name
            order by
                case name_rule when 'branch' then 1 when 'leading' then 2 else 3 end,
                length(place_key) desc,
                match_position asc
        ) as match_rank
    from placed_matches
    where
        name_rule is not null
        {#- An English name is a whole word: Shenzhen X Co., not Shenzhenware. #}
        and (not is_latin or not {{ full_match('following_text', '[a-z].*') }})

),

cities_in_names as (

    select * from ranked_matches
    where match_rank = 1

),

typed as (

    select
        names.party_name,
        names.name_key,
        overrides.party_type as override_party_type,
        institutions.institution_id as alias_institution_id,
        institutions.institution_name as alias_institution_name,
        institutions.city as alias_registry_city,
        (
            {{ contains_any('names.simplified_key', company_forms) }}
            or {{ full_match('names.name_key', latin_company_form) }}
        ) as has_company_form,
        {{ contains_any('names.simplified_key', institution_words) }} as has_institution_word,
        {{ full_match('names.party_name', '\\p{Han}{2,4}') }} as is_short_han_name
    from names
    left join institutions
        on names.name_key = institutions.alias_key
    left join overrides
        on names.name_key = overrides.party_key

),

classified as (

    select
        typed.party_name,
        coalesce(
            typed.override_party_type,
            case
                when typed.alias_institution_id is not null then 'research_institution'
                when typed.has_company_form then 'enterprise'
                when typed.has_institution_word then 'research_institution'
                when typed.is_short_han_name then 'individual'
                else 'other'
            end
        ) as party_type,
        typed.alias_institution_id as institution_id,
        coalesce(typed.alias_institution_name, typed.party_name) as reported_name,
        typed.alias_registry_city as registry_city,
        cities_in_names.city as name_city,
        cities_in_names.place_name as name_city_place,
        cities_in_names.name_rule as name_city_rule
    from typed
    left join cities_in_names
        on typed.party_name = cities_in_names.party_name

)

select * from classified
