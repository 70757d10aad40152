{#-
    published_figures_enforcement(): a one-row select of is_enforced: whether a published figure that does not
    hold fails the build (true) or is only reported (false). var enforce_published_figures decides: true or
    false, or unset (the default) for "enforced when the warehouse's one active load is the bundled export"
    (docs/architecture.md#landing): the figures are the bundled export's, and a user's own export is not
    expected to reproduce them. Read from the data, so the DAG is the same whatever was loaded.
    The one place this is decided: published_figure_checks records it in is_enforced, the published_figures_hold
    test fails on enforced figures only, and the on-run-end report reads is_enforced.
-#}
{% macro published_figures_enforcement() %}
    {%- set enforce = var('enforce_published_figures', none) -%}
    {%- if enforce is none %}
    select
        coalesce(
            sum(case when landing_table = 'raw_transfer_records' then 1 else 0 end) > 0
            and sum(case when landing_table != 'raw_transfer_records' then 1 else 0 end) = 0,
            false
        ) as is_enforced
    from {{ ref('stg_cnipa__loads') }}
    where is_active
    {%- elif enforce is sameas true or enforce is sameas false %}
    select {{ 'true' if enforce else 'false' }} as is_enforced
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var enforce_published_figures must be true, false or unset, not " ~ enforce
        ) }}
    {%- endif -%}
{% endmacro %}
