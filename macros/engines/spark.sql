{#-
    Apache Spark (3.5) implementations of the project's dispatched macros (the DuckDB ones sit beside each
    macro's definition in macros/ and macros/parsing/). Same results as DuckDB on the same rows: the
    comparison test (python/tests/test_engine_parity.py, run by `make test-spark`) holds every mart to it.
    Regular expressions are Java's (\d is ASCII, \p{IsHan} the Han script, $ would also match before a final
    line break, so a full match ends in \z); string literals escape backslashes (string_literal,
    regex_literal). Lists are arrays (0-based inside lambdas; positions reported 1-based like DuckDB's).
    ANSI mode may be on or off: nothing here relies on a failed cast or an invalid date giving NULL.
-#}

{% macro spark__full_match(expr, pattern) -%}
    ({{ expr }} rlike {{ regex_literal('^(?:' ~ pattern ~ ')\\z') }})
{%- endmacro %}

{#-
    DuckDB's fold_width: the same test first (most text needs no folding), then translate and collapse.
    The map's last two characters are U+3000 and U+00A0 (no-break space), both to a space.
-#}
{% macro spark__fold_width(expr) -%}
    {%- set fullwidth = '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　 ' -%}
    {%- set halfwidth = '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~  ' -%}
    case
        when not ({{ expr }} rlike {{ regex_literal('[\\x{FF01}-\\x{FF5E}\\x{3000}\\x{00A0}\\t\\n\\f\\r]|^ | $|  ') }})
            then {{ expr }}
        else trim(regexp_replace(
            translate({{ expr }}, {{ string_literal(fullwidth) }}, {{ string_literal(halfwidth) }}),
            {{ regex_literal('[\\t\\n\\f\\r ]+') }}, ' '
        ))
    end
{%- endmacro %}

{#-
    parse_date: one match tests the five forms; the matched text is rewritten as y-m-d (date_ymd_text), split
    once, and its parts bound to a lambda's parameter, so that each is computed once per row. Spark does not
    share a subexpression inside a case's branch: read with a regexp_extract per form and part, each named
    again in every check, a date cost some forty regular-expression calls per row. The date is built only
    when it exists (make_date would raise under ANSI mode).
-#}
{% macro spark__parse_date(expr) -%}
    case when {{ full_match(expr, date_forms_pattern()) }} then element_at(transform(
        array(transform(split({{ date_ymd_text(expr) }}, '-'), part -> cast(part as int))),
        ymd -> case
            when {{ date_parts_valid('ymd[0]', 'ymd[1]', 'ymd[2]') }} then make_date(ymd[0], ymd[1], ymd[2])
        end
    ), 1) end
{%- endmacro %}

{#- Spark's regexp_replace replaces every match (it takes no flags). -#}
{% macro spark__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ regex_literal(pattern) }}, {{ string_literal(replacement) }})
{%- endmacro %}

{% macro spark__unnest_with_position(list_expr, value_name, position_name) -%}
    inline(transform(
        {{ list_expr }},
        (list_element, list_index) -> named_struct(
            '{{ value_name }}', list_element, '{{ position_name }}', list_index + 1
        )
    )) as ({{ value_name }}, {{ position_name }})
{%- endmacro %}

{% macro spark__unnest_positions(length_expr, position_name) -%}
    explode(case when coalesce({{ length_expr }}, 0) >= 1 then sequence(1, {{ length_expr }}) end)
    as {{ position_name }}
{%- endmacro %}

{% macro spark__unnest_list(list_expr, value_name) -%}
    explode({{ list_expr }}) as {{ value_name }}
{%- endmacro %}

{% macro spark__count_distinct_prefixes(list_expr, n) -%}
    size(array_distinct(filter(
        transform(coalesce({{ list_expr }}, array()), list_element -> left(list_element, {{ n }})),
        list_prefix -> list_prefix is not null
    )))
{%- endmacro %}

{#- size(NULL) is -1 with ANSI mode off. -#}
{% macro spark__list_size(list_expr) -%}
    (case when {{ list_expr }} is null then 0 else size({{ list_expr }}) end)
{%- endmacro %}

{#- split() takes a regular expression: the delimiter is quoted. -#}
{% macro spark__split_nonempty(text_expr, delimiter) -%}
    filter(split({{ text_expr }}, {{ regex_literal('\\Q' ~ delimiter ~ '\\E') }}), list_element -> list_element != '')
{%- endmacro %}

{% macro spark__list_prepend(element_expr, list_expr) -%}
    concat(array({{ element_expr }}), {{ list_expr }})
{%- endmacro %}

{#- array_distinct keeps the first occurrence of each element, in order. -#}
{% macro spark__list_distinct_ordered(list_expr) -%}
    array_distinct(filter({{ list_expr }}, list_element -> list_element is not null))
{%- endmacro %}

{#- Java prints a double like DuckDB between 1e-3 and 1e7 ('3807.1', '0.123', '5.0'). -#}
{% macro spark__rounded_text(expr, digits) -%}
    cast(round({{ expr }}, {{ digits }}) as string)
{%- endmacro %}

{#-
    dbt.listagg on Spark: dbt-spark ignores the order_by_clause (collect_list has no order). Here the values
    are collected with their sort keys and sorted before they are joined; NULL values are skipped and no
    value at all gives NULL, as string_agg does. The order_by_clause is 'order by key[, key ...]' with
    ascending keys (what the models use); anything else is refused at compile time.
-#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause=none, limit_num=none) -%}
    {%- if not order_by_clause or limit_num -%}
        {{ return(dbt.spark__listagg(measure, delimiter_text, order_by_clause, limit_num)) }}
    {%- endif -%}
    {%- set keys_text = modules.re.sub('^\\s*order\\s+by\\s+', '', order_by_clause, flags=modules.re.IGNORECASE) -%}
    {%- set keys = [] -%}
    {%- for key in keys_text.split(',') -%}
        {%- set key = modules.re.sub('\\s+asc\\s*$', '', key.strip(), flags=modules.re.IGNORECASE) -%}
        {%- if modules.re.search('\\s(desc|nulls)\\b', key, flags=modules.re.IGNORECASE) or '(' in key -%}
            {{ exceptions.raise_compiler_error("spark__listagg: only ascending plain sort keys, got: " ~ order_by_clause) }}
        {%- endif -%}
        {%- do keys.append(key) -%}
    {%- endfor -%}
    case when count({{ measure }}) > 0 then array_join(
        transform(
            array_sort(collect_list(struct(
                {%- for key in keys %}
                {{ key }} as sort_key_{{ loop.index }},
                {%- endfor %}
                {{ measure }} as listed_value
            ))),
            listed -> listed.listed_value
        ),
        {{ delimiter_text }}
    ) end
{%- endmacro %}
