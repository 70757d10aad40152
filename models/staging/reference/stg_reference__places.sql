{#-
    One row per place name a party address is searched for, with the step of docs/architecture.md#city-of-a-party that reads it
    (docs/architecture.md, "City of a party"): the national division table (ref_divisions) and the hand-kept
    names it has no equivalent for (ref_gazetteer). place_key is the name as matched: lower-case, half-width,
    simplified Chinese.
      1 prefecture   a prefecture-level city or municipality with its suffix (广州市, 秦皇岛市, 北京市)
      2 prefecture_without_suffix   the same without 市 (广州, 贵阳), read only when a step-3 unit follows
      3 county       a county-level unit with its suffix, a historical unit, a 东莞/中山 town or subdistrict
      4 sar_or_zone  Hong Kong and Macau names and places, functional zones
      5 province     a province with its suffix (广东省 decides nothing: city is null)
      6 english      English names (provinces, the 11 cities, Hong Kong and Macau places), read part by part
      7 postcode     a leading six-digit postcode, by its prefix
    unit_key names the unit a step-3 name stands for (its prefecture, else its province), so a name several
    units share can be told apart. prefecture_adcode is the prefecture-level unit the name resolves to
    (docs/architecture.md, "Place of a party"): the division table's, and for a hand-kept name of one of the 11
    GBA cities that city's own row; NULL for a province and for a hand-kept name outside the GBA.
-#}
with

divisions as (

    select * from {{ ref('ref_divisions') }}

),

gazetteer as (

    select * from {{ ref('ref_gazetteer') }}

),

{# The 11 GBA cities' own rows: each city's prefecture, and the two SARs' province rows. #}
gba_city_rows as (

    select
        city,
        prefecture_adcode,
        province_name
    from divisions
    where city != '大湾区外' and adcode = prefecture_adcode

),

division_places as (

    select
        cast(division_name as {{ dbt.type_string() }}) as place_name,
        case division_level when 'prefecture' then 1 when 'county' then 3 else 5 end as step,
        case
            when division_level = 'province' and division_name = '广东省' then null
            else cast(city as {{ dbt.type_string() }})
        end as city,
        cast(province_name as {{ dbt.type_string() }}) as province_name,
        cast(coalesce(prefecture_name, province_name) as {{ dbt.type_string() }}) as unit_key,
        cast(division_level as {{ dbt.type_string() }}) as place_kind,
        cast(prefecture_adcode as {{ dbt.type_string() }}) as prefecture_adcode
    from divisions

),

prefectures_without_suffix as (

    select
        left(place_name, length(place_name) - 1) as place_name,
        2 as step,
        city,
        province_name,
        unit_key,
        'prefecture_without_suffix' as place_kind,
        prefecture_adcode
    from division_places
    where step = 1 and place_name like '%市' and length(place_name) >= 3

),

hand_kept_places as (

    select
        cast(gazetteer.place_name as {{ dbt.type_string() }}) as place_name,
        case
            when gazetteer.script = 'english' then 6
            when gazetteer.place_kind = 'postcode' then 7
            when gazetteer.place_kind in ('town', 'subdistrict', 'historical') then 3
            else 4
        end as step,
        cast(nullif(gazetteer.city, '') as {{ dbt.type_string() }}) as city,
        cast(
            coalesce(nullif(gazetteer.province_name, ''), gba_city_rows.province_name) as {{ dbt.type_string() }}
        ) as province_name,
        cast(gazetteer.place_kind || ':' || gazetteer.place_name as {{ dbt.type_string() }}) as unit_key,
        cast(gazetteer.place_kind as {{ dbt.type_string() }}) as place_kind,
        cast(gba_city_rows.prefecture_adcode as {{ dbt.type_string() }}) as prefecture_adcode
    from gazetteer
    left join gba_city_rows
        on gazetteer.city = gba_city_rows.city

),

unioned as (

    select * from division_places
    union all
    select * from prefectures_without_suffix
    union all
    select * from hand_kept_places

),

keyed as (

    select distinct
        place_name,
        lower({{ to_simplified(fold_width('place_name')) }}) as place_key,
        step,
        case step
            when 1 then 'prefecture'
            when 2 then 'prefecture_without_suffix'
            when 3 then 'county'
            when 4 then 'sar_or_zone'
            when 5 then 'province'
            when 6 then 'english'
            else 'postcode'
        end as step_name,
        city,
        province_name,
        unit_key,
        place_kind,
        prefecture_adcode
    from unioned

)

select * from keyed
