{#-
    Date parsing without try_strptime (PostgreSQL, Spark): date_forms_pattern() matches the five forms of
    parse_date (2019-3-5, 20190305, 2019/3/5, 2019年3月5日, 2019.3.5); date_ymd_text() rewrites a matched text
    as y-m-d, to be split on '-'; date_parts_valid(y, m, d) says whether the integers name a real date, so
    that an impossible one (2019-02-30, year 0000) gives NULL without the engine ever being asked to build it.
-#}
{#- The five forms, without groups (a plain match is much cheaper than a capturing one on PostgreSQL). -#}
{% macro date_forms_pattern() -%}
    {{ return(
        '[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|[0-9]{4}|/[0-9]{1,2}/[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日'
        ~ '|[.][0-9]{1,2}[.][0-9]{1,2})'
    ) }}
{%- endmacro %}

{#- A text that date_forms_pattern() matched, as y-m-d: 20190305 by position, the others by turning / . 年 月
    into - and dropping 日 (translate() deletes the characters it has no counterpart for). -#}
{% macro date_ymd_text(expr) -%}
    case
        when {{ full_match(expr, '[0-9]{8}') }}
            then substr({{ expr }}, 1, 4) || '-' || substr({{ expr }}, 5, 2) || '-' || substr({{ expr }}, 7, 2)
        else translate({{ expr }}, '/.年月日', '----')
    end
{%- endmacro %}

{#- Whether integers y, m, d name a real date (year 1 or later, proleptic Gregorian calendar). -#}
{% macro date_parts_valid(y, m, d) -%}
    ({{ y }} >= 1 and {{ m }} between 1 and 12 and {{ d }} >= 1 and {{ d }} <= case
        when {{ m }} in (4, 6, 9, 11) then 30
        when {{ m }} != 2 then 31
        when ({{ y }} % 4 = 0 and {{ y }} % 100 != 0) or {{ y }} % 400 = 0 then 29
        else 28
    end)
{%- endmacro %}

