{#-
    metricflow_time_spine holds every calendar day from 1985-04-01 to the cutoff, both included, once each
    (its unique test), and no other: on every engine, whichever way the engine builds the days
    (macros/engines/day_spine.sql). Returns the spine's range and count when they are not that.
-#}
with

spine as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day,
        count(*) as calendar_days
    from {{ ref('metricflow_time_spine') }}

),

expected as (

    select
        cast('1985-04-01' as date) as first_day,
        {{ cutoff_date() }} as last_day

),

disagreements as (

    select
        spine.first_day,
        spine.last_day,
        spine.calendar_days
    from spine
    cross join expected
    where
        spine.first_day is null
        or spine.first_day != expected.first_day
        or spine.last_day != expected.last_day
        or spine.calendar_days != {{ dbt.datediff('expected.first_day', 'expected.last_day', 'day') }} + 1  -- noqa: LT05

)

select * from disagreements
