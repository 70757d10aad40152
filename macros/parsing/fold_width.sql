{#-
    fold_width(expr): the text folding applied to every raw text column before anything else.
    Full-width ASCII (U+FF01-U+FF5E) -> ASCII, ideographic space U+3000 and no-break space U+00A0 -> space,
    then runs of whitespace collapsed to one space and the result trimmed. NULL stays NULL; '' stays ''.
    Most values need no folding, so one regexp test lets them through untouched. A full-width character is
    folded by its code point (U+FF01-U+FF5E lie 0xFEE0 above ASCII): DuckDB's translate() builds its
    96-character map again for every row, 7 times slower over the same values (x100 assignees: 2.8 against
    20.5 CPU s, the same result on all 5.1 million; docs/benchmark.md).
-#}
{% macro fold_width(expr) -%}
    {{ return(adapter.dispatch('fold_width', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro duckdb__fold_width(expr) -%}
    case
        when not regexp_matches({{ expr }}, '[\x{FF01}-\x{FF5E}\x{3000}\x{00A0}\t\n\f\r]|^ | $|  ')
            then {{ expr }}
        else trim(regexp_replace(
            case
                when regexp_matches({{ expr }}, '[\x{FF01}-\x{FF5E}\x{3000}\x{00A0}]')
                    then array_to_string(list_transform(string_split({{ expr }}, ''), lambda c: case
                        when c between '！' and '～' then chr(unicode(c) - 65248)
                        when c = '　' or c = chr(160) then ' '
                        else c
                    end), '')
                else {{ expr }}
            end,
            '\s+', ' ', 'g'
        ))
    end
{%- endmacro %}

{#- fold_header(expr): a header name as the alias seed is keyed: folded (fold_width), without a byte-order mark
    or any space, lower-cased. -#}
{% macro fold_header(expr) -%}
    lower(replace(replace({{ fold_width(expr) }}, ' ', ''), {{ string_literal('\ufeff') }}, ''))
{%- endmacro %}
