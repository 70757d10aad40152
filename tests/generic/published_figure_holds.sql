{#-
    published_figure_holds(model, figure_id): fails, naming the figure with its expected and actual value,
    when the published_figure_checks row for figure_id is missing, or does not hold while the figures are
    enforced (its is_enforced, published_figures_enforcement()); a figure that is only reported is printed by
    the on-run-end report instead.
    Applied once per published figure in models/marts/figures/_figures__models.yml.
-#}
{% test published_figure_holds(model, figure_id) %}

with

figure_checks as (

    select * from {{ model }}
    where figure_id = '{{ figure_id }}'

),

failing_figures as (

    select
        figure_id,
        comparator,
        expected,
        actual,
        holds,
        detail
    from figure_checks
    where not coalesce(holds, false) and is_enforced

),

missing_figures as (

    select
        '{{ figure_id }}' as figure_id,
        cast(null as {{ dbt.type_string() }}) as comparator,
        cast(null as {{ type_double() }}) as expected,
        cast(null as {{ type_double() }}) as actual,
        cast(null as boolean) as holds,
        'no row for {{ figure_id }} in published_figure_checks' as detail
    where not exists (select 1 from figure_checks)

),

failures as (

    select * from failing_figures
    union all
    select * from missing_figures

)

select * from failures

{% endtest %}
