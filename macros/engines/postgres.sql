{#-
    PostgreSQL implementations of the project's dispatched macros (the DuckDB ones sit beside each macro's
    definition in macros/ and macros/parsing/). Same results as DuckDB on the same rows: the comparison test
    (python/tests/test_engine_parity.py, run by `make test-postgres`) holds every mart to it.
    Regular expressions are POSIX AREs here; regex_literal() turns \d into [0-9] (RE2's ASCII digits) and
    \p{Han} into the Han script's ranges. Lists are text[] arrays (1-based, like DuckDB's).
-#}

{% macro postgres__full_match(expr, pattern) -%}
    ({{ expr }} ~ {{ regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{#-
    DuckDB's fold_width: the same test first (most text needs no folding), then translate and collapse.
    The map's last two characters are U+3000 and U+00A0 (no-break space), both to a space.
-#}
{% macro postgres__fold_width(expr) -%}
    {%- set fullwidth = '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　 ' -%}
    {%- set halfwidth = '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~  ' -%}
    case
        when not ({{ expr }} ~ '[\uFF01-\uFF5E\u3000\u00A0\t\n\f\r]|^ | $|  ')
            then {{ expr }}
        else trim(regexp_replace(
            translate({{ expr }}, {{ string_literal(fullwidth) }}, {{ string_literal(halfwidth) }}),
            '[\t\n\f\r ]+', ' ', 'g'
        ))
    end
{%- endmacro %}

{#-
    parse_date: one match tests the five forms; the matched text is rewritten as y-m-d (20190305 by position,
    the others by turning / . 年 月 into - and dropping 日) and split. The date is built only when it exists
    (no year 0, month 1-12, day within the month), so an impossible date is NULL as with DuckDB's
    try_strptime (make_date would raise instead). `offset 0` keeps PostgreSQL from inlining the split text
    into every reference (it would re-split it a dozen times per row).
-#}
{% macro postgres__parse_date(expr) -%}
    case when {{ full_match(expr, date_forms_pattern()) }} then (
        select case when {{ date_parts_valid('year_part', 'month_part', 'day_part') }}
            then make_date(year_part, month_part, day_part)
        end
        from (
            select
                cast(split_part(ymd, '-', 1) as integer) as year_part,
                cast(split_part(ymd, '-', 2) as integer) as month_part,
                cast(split_part(ymd, '-', 3) as integer) as day_part
            from (
                select {{ date_ymd_text(expr) }} as ymd
                offset 0
            ) as normalised
            offset 0
        ) as date_parts
    ) end
{%- endmacro %}

{% macro postgres__unnest_with_position(list_expr, value_name, position_name) -%}
    {#- Set-returning functions in one select list advance together (PostgreSQL 10+). -#}
    unnest({{ list_expr }}) as {{ value_name }},
    generate_subscripts({{ list_expr }}, 1) as {{ position_name }}
{%- endmacro %}

{% macro postgres__unnest_positions(length_expr, position_name) -%}
    generate_series(1, coalesce({{ length_expr }}, 0)) as {{ position_name }}
{%- endmacro %}

{% macro postgres__unnest_list(list_expr, value_name) -%}
    unnest({{ list_expr }}) as {{ value_name }}
{%- endmacro %}

{% macro postgres__count_distinct_prefixes(list_expr, n) -%}
    (select count(distinct left(list_element, {{ n }})) from unnest({{ list_expr }}) as list_elements (list_element))
{%- endmacro %}

{% macro postgres__list_size(list_expr) -%}
    coalesce(cardinality({{ list_expr }}), 0)
{%- endmacro %}

{% macro postgres__split_nonempty(text_expr, delimiter) -%}
    array_remove(string_to_array({{ text_expr }}, {{ string_literal(delimiter) }}), '')
{%- endmacro %}

{% macro postgres__list_prepend(element_expr, list_expr) -%}
    array_prepend({{ element_expr }}, {{ list_expr }})
{%- endmacro %}

{% macro postgres__list_distinct_ordered(list_expr) -%}
    array(
        select list_element
        from unnest({{ list_expr }}) with ordinality as list_elements (list_element, list_position)
        where list_element is not null
        group by list_element
        order by min(list_position)
    )
{%- endmacro %}

{#-
    rounded_text(expr, digits): DuckDB's text for round(double, digits): the rounded value's shortest decimal,
    with '.0' on a whole number ('3807.1', '0.123', '5.0'). Rounded as numeric (PostgreSQL has no
    round(double precision, integer)), then trailing zeros dropped.
-#}
{% macro postgres__rounded_text(expr, digits) -%}
    regexp_replace(
        regexp_replace(cast(round(cast({{ expr }} as numeric), {{ digits }}) as text), '(\.[0-9]*[1-9])0+$|\.0+$', '\1'),
        '^(-?[0-9]+)$', '\1.0'
    )
{%- endmacro %}
