{#-
    One row per published figure: every condition of the seed published_figures evaluated against
    figure_metrics (docs/architecture.md, "Published figures as data"). Nothing here names a figure, a city,
    an industry or a threshold: a figure is its seed rows.
    A condition's rows (one per subject, or `*` for every ranked subject of the metric) each compare the
    subject's measure (value, rank or of_n) with a number or with another subject's measure of the same
    metric. Without at_least every subject must satisfy it, and its actual is the value of the subject with
    the least margin (the lesser of two values for `>`, the greater for `<=`); with at_least, actual is how
    many subjects satisfy it, compared `>=` at_least. A figure holds when all its conditions hold; condition 1
    is the one shown as actual, comparator and expected; the others are spelled out in also_requires.
-#}
with

conditions as (

    select * from {{ ref('stg_reference__published_figures') }}

),

figure_metrics as (

    select * from {{ ref('figure_metrics') }}

),

condition_subject_lists as (

    select
        figure_id,
        condition_no,
        {{ dbt.listagg(
            "case when subject = '*' then 'every subject' else subject end", "', '", 'order by subject'
        ) }} as subject_list
    from conditions
    group by
        figure_id,
        condition_no

),

condition_subjects as (

    select
        conditions.figure_id,
        conditions.condition_no,
        conditions.metric,
        conditions.measure,
        conditions.comparator,
        conditions.comparand_value,
        conditions.comparand_subject,
        conditions.at_least,
        coalesce(figure_metrics.subject, conditions.subject) as subject,
        case conditions.measure
            when 'value' then figure_metrics.value
            when 'rank' then cast(figure_metrics.rank as {{ type_double() }})
            when 'of_n' then cast(figure_metrics.of_n as {{ type_double() }})
        end as measured
    from conditions
    left join figure_metrics
        on
            conditions.metric = figure_metrics.metric
            and (
                conditions.subject = figure_metrics.subject
                or (conditions.subject = '*' and figure_metrics.of_n is not null)
            )

),

compared_subjects as (

    select
        condition_subjects.*,
        coalesce(
            condition_subjects.comparand_value,
            case condition_subjects.measure
                when 'value' then comparands.value
                when 'rank' then cast(comparands.rank as {{ type_double() }})
                when 'of_n' then cast(comparands.of_n as {{ type_double() }})
            end
        ) as comparand
    from condition_subjects
    left join figure_metrics as comparands
        on
            condition_subjects.metric = comparands.metric
            and condition_subjects.comparand_subject = comparands.subject

),

judged_subjects as (

    select
        *,
        coalesce(
            case comparator
                when '=' then abs(measured - comparand) < 1e-9
                when '>' then measured > comparand
                when '>=' then measured >= comparand
                when '<' then measured < comparand
                when '<=' then measured <= comparand
            end,
            false
        ) as is_satisfied,
        {#- How far the subject is from failing; the least margin is the condition's binding subject. -#}
        
        case comparator
            when '=' then 0.0 - abs(measured - comparand)
            when '>' then measured - comparand
            when '>=' then measured - comparand
            when '<' then comparand - measured
            when '<=' then comparand - measured
        end as margin,
        subject
        || ' ' || metric
        || case when measure = 'value' then '' else ' ' || measure end
        || ' ' || {{ figure_number_text('measured') }}
        || ' ' || comparator
        || ' ' || coalesce(comparand_subject || ' ', '') || {{ figure_number_text('comparand') }}
            as subject_detail
    from compared_subjects

),

ranked_subjects as (

    select
        *,
        row_number() over (
            partition by figure_id, condition_no
            order by case when margin is null then 0 else 1 end, margin, subject
        ) as margin_position
    from judged_subjects

),

evaluated_conditions as (

    select
        figure_id,
        condition_no,
        max(at_least) as at_least,
        count(*) as subjects,
        sum(case when is_satisfied then 1 else 0 end) as satisfied_subjects,
        max(case when margin_position = 1 then measured end) as binding_measured,
        max(case when margin_position = 1 then comparand end) as binding_comparand,
        max(comparator) as subject_comparator,
        max(metric) as metric,
        max(measure) as measure,
        max(comparand_subject) as comparand_subject,
        max(comparand_value) as comparand_value,
        {{ dbt.listagg('subject_detail', "', '", 'order by subject') }} as subject_details
    from ranked_subjects
    group by
        figure_id,
        condition_no

),

listed_conditions as (

    select
        evaluated_conditions.*,
        condition_subject_lists.subject_list
    from evaluated_conditions
    inner join condition_subject_lists
        on
            evaluated_conditions.figure_id = condition_subject_lists.figure_id
            and evaluated_conditions.condition_no = condition_subject_lists.condition_no

),

condition_verdicts as (

    select
        figure_id,
        condition_no,
        case when at_least is null then subject_comparator else '>=' end as comparator,
        case when at_least is null then binding_comparand else cast(at_least as {{ type_double() }}) end as expected,
        case
            when at_least is null then binding_measured
            else cast(satisfied_subjects as {{ type_double() }})
        end as actual,
        case
            when at_least is null then satisfied_subjects = subjects
            else satisfied_subjects >= at_least
        end as holds,
        {#- The condition as text, e.g. "industry_transfers rank of 智能制造, 软件与信息服务 <= 5". -#}
        
        metric
        || case when measure = 'value' then '' else ' ' || measure end
        || ' of ' || subject_list
        || ' ' || subject_comparator
        || ' ' || coalesce(comparand_subject, {{ figure_number_text('comparand_value') }})
        || case
            when at_least is null then ''
            else ' for at least ' || cast(at_least as {{ dbt.type_string() }}) || ' of them'
        end as condition_text,
        case
            when at_least is null then subject_details
            else cast(satisfied_subjects as {{ dbt.type_string() }}) || ' of '
                || cast(subjects as {{ dbt.type_string() }}) || ': ' || subject_details
        end as condition_detail
    from listed_conditions

),

figures as (

    select
        figure_id,
        max(description) as description
    from conditions
    group by figure_id

),

headlines as (

    select
        condition_verdicts.*,
        row_number()
            over (partition by condition_verdicts.figure_id order by condition_verdicts.condition_no)
            as condition_position
    from condition_verdicts

),

figure_verdicts as (

    select
        figure_id,
        max(case when condition_position = 1 then comparator end) as comparator,
        max(case when condition_position = 1 then expected end) as expected,
        max(case when condition_position = 1 then actual end) as actual,
        min(case when holds then 1 else 0 end) = 1 as holds,
        {{ dbt.listagg('condition_text', "'; '", 'order by condition_no') }} as definition,
        {{ dbt.listagg(
            "case when condition_position > 1 then condition_text end", "'; '", 'order by condition_no'
        ) }} as also_requires,
        {{ dbt.listagg('condition_detail', "'; '", 'order by condition_no') }} as detail
    from headlines
    group by figure_id

),

enforcement as (

    {{ published_figures_enforcement() }}

),

final as (

    select
        cast(figures.figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(figures.description as {{ dbt.type_string() }}) as description,
        cast(figure_verdicts.definition as {{ dbt.type_string() }}) as definition,
        cast(figure_verdicts.comparator as {{ dbt.type_string() }}) as comparator,
        cast(figure_verdicts.expected as {{ type_double() }}) as expected,
        cast(nullif(figure_verdicts.also_requires, '') as {{ dbt.type_string() }}) as also_requires,
        cast(figure_verdicts.actual as {{ type_double() }}) as actual,
        cast(coalesce(figure_verdicts.holds, false) as boolean) as holds,
        cast(figure_verdicts.detail as {{ dbt.type_string() }}) as detail,
        cast((select enforcement.is_enforced from enforcement) as boolean) as is_enforced,
        {{ cutoff_date() }} as cutoff_date
    from figures
    inner join figure_verdicts
        on figures.figure_id = figure_verdicts.figure_id

)

select * from final
