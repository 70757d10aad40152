{#-
    parse_date(expr): a date from the forms CNIPA exports carry, on folded text:
    2019-03-05 / 2019-3-5, 20190305, 2019/3/5, 2019.03.05 / 2019.3.5, 2019年03月05日 / 2019年3月5日.
    Anything else, and impossible dates (2019-02-30, year 0000), give NULL; staging flags a non-empty NULL as a bad date.
-#}
{% macro parse_date(expr) -%}
    {{ return(adapter.dispatch('parse_date', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro duckdb__parse_date(expr) -%}
    cast(case
        {#- DuckDB would read year 0000 as 1 BC; there is no year 0, so such a date is a bad date. #}
        when left({{ expr }}, 4) = '0000' then null
        {#- The common form as a cast: the same date as try_strptime's '%Y-%m-%d' for every text of this form, at
            half the cost (x100: 0.9 against 1.6 CPU s a column). python/tests/test_parsing_properties.py holds it
            to the contract over months 0-13 and days 0-32, with one and two digits, and odd years. #}
        when regexp_full_match({{ expr }}, '\d{4}-\d{1,2}-\d{1,2}') then try_cast({{ expr }} as date)
        when regexp_full_match({{ expr }}, '\d{8}') then try_strptime({{ expr }}, '%Y%m%d')
        when regexp_full_match({{ expr }}, '\d{4}/\d{1,2}/\d{1,2}') then try_strptime({{ expr }}, '%Y/%m/%d')
        when regexp_full_match({{ expr }}, '\d{4}[.]\d{1,2}[.]\d{1,2}') then try_strptime({{ expr }}, '%Y.%m.%d')
        when regexp_full_match({{ expr }}, '\d{4}年\d{1,2}月\d{1,2}日') then try_strptime({{ expr }}, '%Y年%m月%d日')
    end as date)
{%- endmacro %}
