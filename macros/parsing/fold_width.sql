{#-
    fold_width(expr): the text folding applied to every raw text column before anything else.
    Full-width ASCII (U+FF01-U+FF5E) -> ASCII, ideographic space U+3000 and no-break space U+00A0 -> space,
    then runs of whitespace collapsed to one space and the result trimmed. NULL stays NULL; '' stays ''.
    Most values need no folding, so one regexp test lets them through untouched; translate() (slow per
    row with a 96-character map) runs only on text holding a full-width character. Same result, faster.
-#}
{% macro fold_width(expr) -%}
    {{ return(adapter.dispatch('fold_width', 'gba_tech_transfer')(expr)) }}
{%- endmacro %}

{% macro default__fold_width(expr) -%}
    case
        when not regexp_matches({{ expr }}, '[\x{FF01}-\x{FF5E}\x{3000}\x{00A0}\t\n\f\r]|^ | $|  ')
            then {{ expr }}
        else trim(regexp_replace(
            case
                when regexp_matches({{ expr }}, '[\x{FF01}-\x{FF5E}\x{3000}\x{00A0}]')
                    then translate(
                        {{ expr }},
                        '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　 ',
                        '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~  '
                    )
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
