{#-
    The seed published_figures (docs/architecture.md, "Published figures as data"): a figure has one
    description on all its rows, and the rows of one condition (figure_id, condition_no) differ only in their
    subject: same metric, measure, comparator, comparand and at_least. Returns each figure or condition that
    breaks this.
-#}
with

conditions as (

    select * from {{ ref('stg_reference__published_figures') }}

),

figure_descriptions as (

    select
        figure_id,
        cast(null as integer) as condition_no,
        'more than one description' as problem
    from conditions
    group by figure_id
    having count(distinct description) > 1

),

condition_parts as (

    select
        figure_id,
        condition_no,
        'rows of one condition differ in more than the subject' as problem
    from conditions
    group by
        figure_id,
        condition_no
    having
        count(distinct metric) > 1
        or count(distinct measure) > 1
        or count(distinct comparator) > 1
        or count(distinct coalesce(cast(comparand_value as {{ dbt.type_string() }}), comparand_subject)) > 1
        or count(distinct coalesce(at_least, -1)) > 1

),

problems as (

    select * from figure_descriptions
    union all
    select * from condition_parts

)

select * from problems
