{#-
    check_character(body): the CNIPA check character of an application-number body (8 or 12 digits).
    Digits weighted 2,3,4,5,6,7,8,9,2,3,... from the left, sum mod 11, remainder 10 -> 'X'.
    The weighted sum is unrolled at compile time (plain SQL, no per-row Jinja) and evaluated once: the
    remainder picks its character out of '0123456789X'. NULL when the body is not 8 or 12 digits.
-#}
{% macro check_character(body) -%}
    {{ return(adapter.dispatch('check_character', 'gba_tech_transfer')(body)) }}
{%- endmacro %}

{% macro default__check_character(body) -%}
    {%- set terms = [] -%}
    {%- for i in range(12) -%}
        {%- do terms.append('(ascii(substr(' ~ body ~ ', ' ~ (i + 1) ~ ', 1)) - 48) * ' ~ (i % 8 + 2)) -%}
    {%- endfor -%}
    case
        when {{ full_match(body, '\\d{12}') }}
            then substr('0123456789X', ({{ terms | join(' + ') }}) % 11 + 1, 1)
        when {{ full_match(body, '\\d{8}') }}
            then substr('0123456789X', ({{ terms[:8] | join(' + ') }}) % 11 + 1, 1)
    end
{%- endmacro %}
