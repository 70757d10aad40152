{#-
    One row per distinct folded party name: its party type (company form, registered alias, institution
    keyword, individual, other), the registered institution it denotes, that institution's registry city,
    and the city named in the name itself (a priority-1 gazetteer name with 市, leftmost then longest).
-#}
{%- set company_forms = [
    '有限公司', '股份有限公司', '有限责任公司', '集团', '集團', '公司', '厂', '廠',
    'co.', 'ltd', 'limited', 'inc.', 'corp.',
] -%}
{%- set institution_words = [
    '大学', '大學', '学院', '學院', '研究院', '研究所', '研究中心', '实验室', '實驗室', '医院', '醫院',
    'university', 'institute', 'college', 'academy', 'laboratory', 'hospital',
] -%}
with

parties as (

    select * from {{ ref('int_parties_split') }}

),

institutions as (

    select * from {{ ref('stg_reference__institutions') }}

),

gazetteer as (

    select * from {{ ref('stg_reference__gazetteer') }}

),

names as (

    select distinct
        party_name,
        lower(party_name) as name_key
    from parties

),

name_positions as (

    select
        party_name,
        name_key,
        {{ unnest_positions('length(name_key) - 1', 'match_position') }}
    from names

),

city_names as (

    select
        place_key,
        city
    from gazetteer
    where match_priority = 1

),

cities_in_names as (

    select
        name_positions.party_name,
        city_names.city,
        row_number() over (
            partition by name_positions.party_name
            order by
                name_positions.match_position asc,
                length(city_names.place_key) desc,
                city_names.place_key asc
        ) as match_rank
    from name_positions
    inner join city_names
        on substr(name_positions.name_key, name_positions.match_position, 2) = left(city_names.place_key, 2)
    where substr(name_positions.name_key, name_positions.match_position, length(city_names.place_key))
        = city_names.place_key

),

first_city_in_names as (

    select
        party_name,
        city
    from cities_in_names
    where match_rank = 1

),

typed as (

    select
        names.party_name,
        names.name_key,
        institutions.institution_id as alias_institution_id,
        institutions.institution_name as alias_institution_name,
        institutions.city as alias_registry_city,
        {{ contains_any('names.name_key', company_forms) }} as has_company_form,
        {{ contains_any('names.name_key', institution_words) }} as has_institution_word,
        {{ full_match('names.party_name', '\\p{Han}{2,4}') }} as is_short_han_name
    from names
    left join institutions
        on names.name_key = institutions.alias_key

),

classified as (

    select
        typed.party_name,
        case
            when typed.has_company_form then 'enterprise'
            when typed.alias_institution_id is not null then 'research_institution'
            when typed.has_institution_word then 'research_institution'
            when typed.is_short_han_name then 'individual'
            else 'other'
        end as party_type,
        case when not typed.has_company_form then typed.alias_institution_id end as institution_id,
        case
            when not typed.has_company_form then coalesce(typed.alias_institution_name, typed.party_name)
            else typed.party_name
        end as reported_name,
        case when not typed.has_company_form then typed.alias_registry_city end as registry_city,
        first_city_in_names.city as name_city
    from typed
    left join first_city_in_names
        on typed.party_name = first_city_in_names.party_name

)

select * from classified
