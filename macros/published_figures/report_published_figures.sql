{#-
    report_published_figures(results): on-run-end hook. When this run built published_figure_checks, log
    how many published figures hold, whether they are enforced (its is_enforced column), and, for each one
    that does not hold, its id, expected and actual value and the detail text. Enabled in dbt_project.yml:
        on-run-end:
          - "{{ report_published_figures(results) }}"
    Returns no SQL (the hook only logs).
-#}
{% macro report_published_figures(results) %}
    {%- if execute -%}
        {%- for result in results
            if result.node.resource_type == 'model'
            and result.node.name == 'published_figure_checks'
            and result.status == 'success' -%}
            {%- set figure_rows = run_query(
                "select figure_id, comparator, expected, also_requires, actual, holds, detail, is_enforced from "
                ~ result.node.relation_name
                ~ " order by figure_id"
            ) -%}
            {%- set failing = figure_rows.rows | rejectattr('holds') | list -%}
            {%- set enforcement = 'enforced' if figure_rows.rows | selectattr('is_enforced') | list
                else 'reported, not enforced' -%}
            {{ log(
                'Published figures: ' ~ (figure_rows.rows | length - failing | length) ~ ' of '
                ~ (figure_rows.rows | length) ~ ' hold (' ~ enforcement ~ ').',
                info=True
            ) }}
            {%- for row in failing -%}
                {{ log(
                    'Published figure ' ~ row['figure_id'] ~ ' does not hold: actual '
                    ~ _format_figure_value(row['actual']) ~ ', expected ' ~ row['comparator'] ~ ' '
                    ~ _format_figure_value(row['expected']) ~ (' and ' ~ row['also_requires'] if row['also_requires'] else '')
                    ~ ' (' ~ row['detail'] ~ ')',
                    info=True
                ) }}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}

{#- A figure value as text: whole numbers without decimals, others to 4 significant decimals, NULL as n/a. -#}
{% macro _format_figure_value(value) -%}
    {%- if value is none -%}
        n/a
    {%- elif value == (value | int) -%}
        {{ value | int }}
    {%- else -%}
        {{ '%.4g' | format(value) }}
    {%- endif -%}
{%- endmacro %}
