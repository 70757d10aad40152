{#-
    One row per distinct folded party name: its party type, the registered institution it denotes, that
    institution's registry city, and the city named in the name itself (docs/architecture.md, "Party type" and "City of a party").
    Party type, first rule that applies: a row of ref_party_overrides; the exact name or alias of a registered
    institution; a company form (so a university's asset company is an enterprise); an institution word; a
    two-to-four-character Han name (individual); else other. Words are looked for in the name read as
    simplified Chinese, so 集團, 廠 and 會社 count as 集团, 厂 and 会社.
    City in the name: a prefecture-level city (with or without 市), 香港 or 澳门, or a GBA city's English name,
    written before 分公司 (a branch is where the branch is), else at the start of the name, else in brackets;
    never where a registered institution's name begins (中山大学X有限公司 is not 中山).
    A unit of a registered institution (docs/architecture.md, "City of a party"): an unregistered name typed a
    research institution that begins with a registered institution's name or alias (the longest) takes the
    leftmost city named in the rest of its name (清华大学深圳国际研究生院 → 深圳, rule `unit`), unless the parent's
    own name carries that city (中山大学中山眼科中心: the 中山 is 中山大学's), else the parent's registry city
    (中山大学附属第一医院 → 广州, rule `parent`).
    var use_institution_registry (default true; false only in tests) turns the registry lookup off, so the
    names are typed by their words alone.
-#}
{%- set company_forms = [
    '有限公司', '股份有限公司', '有限责任公司', '集团', '公司', '厂', '合伙企业', '(有限合伙)', '株式会社', '会社',
] -%}
{#- Latin company forms: whole words, case-insensitive, dots optional (Co., Ltd, S.p.A., GmbH …). -#}
{%- set latin_company_form =
    '(.*[^a-z])?(co|company|ltd|limited|inc|incorporated|corp|corporation|holdings?|llc|llp|plc|gmbh|ag|s\\.?a|n\\.?v|b\\.?v|pte|pty|s\\.?p\\.?a)\\.?([^a-z].*)?'
-%}
{%- set institution_words = [
    '大学', '学院', '学校', '研究院', '研究所', '研究中心', '实验室', '医院',
    'university', 'institute', 'college', 'academy', 'laboratory', 'hospital', 'polytechnic',
] -%}
with

parties as (

    select * from {{ ref('int_exported_parties_deduplicated') }}

),

institutions as (

    select * from {{ ref('stg_reference__institutions') }}
    {%- if not var('use_institution_registry', true) %}
    where 1 = 0
    {%- endif %}

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

{# The registered institution a name begins with (the longest name or alias): its parent, if it is a unit. An
   alias ending in a Latin letter must end a word there (HKU is no parent of HKUST…). #}
parent_candidates as (

    select
        names.party_name,
        institutions.institution_id as parent_institution_id,
        institutions.institution_name as parent_institution_name,
        institutions.city as parent_city,
        institutions.seat as parent_seat,
        length(institutions.alias_key) as parent_length,
        row_number() over (
            partition by names.party_name
            order by length(institutions.alias_key) desc, institutions.institution_id asc
        ) as parent_rank
    from names
    inner join institutions
        on left(names.name_key, 2) = left(institutions.alias_key, 2)
    where
        length(names.name_key) > length(institutions.alias_key)
        and left(names.name_key, length(institutions.alias_key)) = institutions.alias_key
        and not (
            {{ full_match('institutions.alias_key', '.*[a-z]') }}
            and {{ full_match('substr(names.name_key, length(institutions.alias_key) + 1, 1)', '[a-z]') }}
        )

),

parents as (

    select * from parent_candidates
    where parent_rank = 1

),

{# A city named in the rest of a unit's name: the leftmost, then the longest; English names as whole words. A
   prefecture the parent's own registered name carries names the parent, not a place: 中山大学中山眼科中心 (and
   Sun Yat-sen University Zhongshan Ophthalmic Center) says 中山 after 中山大学, so it takes 中山大学's city. #}
unit_city_matches as (

    select
        city_matches.party_name,
        city_matches.place_name,
        city_matches.city,
        row_number() over (
            partition by city_matches.party_name
            order by city_matches.match_position asc, length(city_matches.place_key) desc
        ) as match_rank
    from city_matches
    inner join parents
        on city_matches.party_name = parents.party_name
    left join institution_names_at
        on
            city_matches.party_name = institution_names_at.party_name
            and city_matches.match_position = institution_names_at.match_position
    where
        city_matches.match_position > parents.parent_length
        and institution_names_at.party_name is null
        and parents.parent_institution_name not like ('%' || city_matches.place_key || '%')
        and (
            city_matches.city is null
            or parents.parent_institution_name not like ('%' || city_matches.city || '%')
        )
        and (
            not {{ full_match('city_matches.place_key', '.*[a-z].*') }}
            or (
                not {{ full_match('city_matches.following_text', '[a-z].*') }}
                and not {{ full_match('city_matches.preceding_character', '[a-z]') }}
            )
        )

),

unit_cities as (

    select * from unit_city_matches
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
        institutions.seat as alias_registry_seat,
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
        typed.alias_registry_city,
        typed.alias_registry_seat,
        parents.parent_institution_id,
        parents.parent_institution_name,
        parents.parent_city,
        parents.parent_seat,
        unit_cities.city as unit_city,
        unit_cities.place_name as unit_city_place,
        cities_in_names.city as name_city,
        cities_in_names.place_name as name_city_place,
        cities_in_names.name_rule as name_city_rule
    from typed
    left join parents
        on typed.party_name = parents.party_name
    left join cities_in_names
        on typed.party_name = cities_in_names.party_name
    left join unit_cities
        on typed.party_name = unit_cities.party_name

),

{# A unit: an unregistered research institution whose name begins with a registered one's. #}
units_resolved as (

    select
        party_name,
        party_type,
        institution_id,
        reported_name,
        case
            when institution_id is null and party_type = 'research_institution' then parent_institution_id
        end as parent_institution_id,
        case
            when institution_id is null and party_type = 'research_institution' then parent_institution_name
        end as parent_institution_name,
        case
            when institution_id is null and party_type = 'research_institution' then parent_city
        end as parent_city,
        case
            when institution_id is null and party_type = 'research_institution' then parent_seat
        end as parent_seat,
        case
            when institution_id is null and party_type = 'research_institution' then unit_city
        end as unit_city,
        unit_city_place,
        alias_registry_city,
        alias_registry_seat,
        name_city,
        name_city_place,
        name_city_rule
    from classified

),

resolved as (

    select
        party_name,
        party_type,
        institution_id,
        reported_name,
        parent_institution_id,
        coalesce(alias_registry_city, case when unit_city is null then parent_city end) as registry_city,
        case
            when alias_registry_city is not null then 'registry'
            when unit_city is null and parent_city is not null then 'parent'
        end as registry_city_rule,
        case
            when alias_registry_city is not null then reported_name
            when unit_city is null and parent_city is not null then parent_institution_name
        end as registry_city_place,
        case
            when alias_registry_city is not null then alias_registry_seat
            when unit_city is null and parent_city is not null then parent_seat
        end as registry_seat,
        coalesce(unit_city, name_city) as name_city,
        case when unit_city is not null then unit_city_place else name_city_place end as name_city_place,
        case when unit_city is not null then 'unit' else name_city_rule end as name_city_rule
    from units_resolved

)

select * from resolved
