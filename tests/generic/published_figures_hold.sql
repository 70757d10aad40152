{#-
    published_figures_hold(model): one failing row per published figure of published_figure_checks that does
    not hold, with its expected and actual value and detail: an error when the figures are enforced, a
    warning when they are only reported (published_figures_enforced()). Every figure of the seed has a row
    (the model is built from the seed's figure ids), so a new figure needs no new test.
-#}
{% test published_figures_hold(model) %}

{{ config(severity='error' if published_figures_enforced() else 'warn') }}

with

failing_figures as (

    select
        figure_id,
        comparator,
        expected,
        actual,
        also_requires,
        detail
    from {{ model }}
    where not coalesce(holds, false)

)

select * from failing_figures

{% endtest %}
