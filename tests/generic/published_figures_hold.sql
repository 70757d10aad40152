{#-
    published_figures_hold(model): one failing row per published figure of published_figure_checks that does
    not hold while the figures are enforced (its is_enforced: published_figures_enforcement()), with its
    expected and actual value and detail; a figure that is only reported is printed by the on-run-end report
    instead. Every figure of the seed has a row (the model is built from the seed's figure ids), so a new
    figure needs no new test.
-#}
{% test published_figures_hold(model) %}

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
    where not coalesce(holds, false) and is_enforced

)

select * from failing_figures

{% endtest %}
