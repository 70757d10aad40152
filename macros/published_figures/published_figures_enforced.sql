{#-
    published_figures_enforced(): true when a published figure that does not hold fails the build, false when
    it is only reported (its test warns). var enforce_published_figures decides: true or false, or unset (the
    default) for "enforced unless var raw_path names an export (raw_export_paths())", since the figures are the bundled export's and a
    user's own export is not expected to reproduce them.
    The one place this is decided: published_figure_checks records it in is_enforced, the published_figures_hold
    test takes its severity from it, and the on-run-end report reads is_enforced.
-#}
{% macro published_figures_enforced() %}
    {%- set enforce = var('enforce_published_figures', none) -%}
    {%- if enforce is none -%}
        {{ return(raw_export_paths() | length == 0) }}
    {%- elif enforce is sameas true or enforce is sameas false -%}
        {{ return(enforce) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var enforce_published_figures must be true, false or unset, not " ~ enforce
        ) }}
    {%- endif -%}
{% endmacro %}
