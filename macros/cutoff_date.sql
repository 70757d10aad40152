{#-
    cutoff_date(): the published-figure cutoff, var cutoff_date (an ISO date, dbt_project.yml), as a SQL date.
    Transfers effective after it are out of scope (after_cutoff). The one way the var reaches SQL: compare
    with it, or cast it to text to print it, so a value that is not a date fails the build wherever it is read.
-#}
{% macro cutoff_date() -%}
    cast('{{ var("cutoff_date") }}' as date)
{%- endmacro %}
