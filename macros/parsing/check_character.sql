{#-
    check_character(body): the CNIPA check character of an application-number body (8 or 12 digits).
    Digits weighted 2,3,4,5,6,7,8,9,2,3,... from the left, sum mod 11, remainder 10 -> 'X'.
    The weighted sum is unrolled at compile time over the 12 possible positions (a missing position adds 0),
    so it is plain SQL with no per-row Jinja. NULL when the body is not 8 or 12 digits.
-#}
{% macro check_character(body) -%}
    {{ return(adapter.dispatch('check_character', 'gba_tech_transfer')(body)) }}
{%- endmacro %}

{% macro default__check_character(body) -%}
    {%- set terms = [] -%}
    {%- for i in range(12) -%}
        {%- do terms.append(
            'coalesce(cast(nullif(substr(' ~ body ~ ', ' ~ (i + 1) ~ ', 1), \'\') as integer), 0) * ' ~ (i % 8 + 2)
        ) -%}
    {%- endfor -%}
    case
        when not regexp_full_match({{ body }}, '\d{8}|\d{12}') then null
        when ({{ terms | join(' + ') }}) % 11 = 10 then 'X'
        else cast(({{ terms | join(' + ') }}) % 11 as {{ dbt.type_string() }})
    end
{%- endmacro %}
