{#-
    Reading CNIPA's legal-status description text (描述信息), as stg_cnipa__legal_events does:

        专利权的转移IPC(主分类):A41D 1/00;变更事项:专利权人;变更前权利人:A公司;变更后权利人:B公司;
        变更事项:地址;变更前权利人:台北县五股乡…;变更后权利人:…;登记生效日:20121116;

    The text is folded first (fold_width: full-width colons, semicolons and brackets become half-width, line
    breaks and runs of spaces one space). A value is the text after `<key>:` up to the next key, so a
    co-owner list split on `;`, `；` or `、` stays one value; separators and a final `。` around it are dropped.
    Parts may come in any order.

    description_keys(): the keys, as one regular expression alternation (the history cell's block keys
        法律状态公告日 / 法律状态 / 描述信息 too, so a block's parts are read by the same rule).
    description_value(expr, key): the value of the first `key` (a regular expression) in expr; '' when the
        key has no value; NULL (PostgreSQL) or '' (DuckDB, Spark) when the key is absent: test with
        regex_search first.
    regex_search(expr, pattern), regex_extract(expr, pattern): whether the pattern occurs; its first group.
-#}
{% macro description_keys() -%}
    {{- 'IPC\\(主分类\\)|IPC主分类|变更事项|变更[前后](?:专利申请权人|专利权人|权利人|申请人|地址)?|登记生效日|法律状态公告日|法律状态|描述信息' -}}
{%- endmacro %}

{% macro description_value(expr, key) -%}
    {#- It starts with a lazy quantifier (an empty-matching `\s*?`): PostgreSQL takes a whole pattern's greediness
        from its first quantifier, and a greedy one (the key's optional `(?:…)?`) would run the value on to the
        last key instead of the next. DuckDB's and Spark's engines match leftmost-first: the same value. -#}
    {{ regex_extract(expr, '\\s*?(?:' ~ key ~ ')\\s*:\\s*(.*?)[\\s;,。、]*(?:(?:' ~ description_keys() ~ ')\\s*:|$)') }}
{%- endmacro %}

{% macro regex_search(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_search', 'gba_tech_transfer')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_search(expr, pattern) -%}
    regexp_matches({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regex_search(expr, pattern) -%}
    ({{ expr }} ~ {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_search(expr, pattern) -%}
    ({{ expr }} rlike {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro regex_extract(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_extract', 'gba_tech_transfer')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract(expr, pattern) -%}
    regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, 1)
{%- endmacro %}

{% macro postgres__regex_extract(expr, pattern) -%}
    substring({{ expr }} from {{ regex_literal(pattern) }})
{%- endmacro %}

{#- Spark's regexp_extract is the DuckDB one (group 1; '' when there is no match). -#}
{% macro spark__regex_extract(expr, pattern) -%}
    regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, 1)
{%- endmacro %}
