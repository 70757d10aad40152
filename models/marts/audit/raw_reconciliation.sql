{#-
    Every landed record accounted for, per active load and over all of them (docs/architecture.md#landing): one
    row per (load, outcome, reason) and a total row per load; then the same over all loads, with load_id NULL.
    reason is NULL for in_scope and for the total rows. Within a load, the detail rows sum to its total:
    records landed in active loads = in scope + duplicate + replaced by a later load + out of scope + rejected.
    A patent list with its legal history in one cell (docs/bring-your-own.md) gives several records per input
    row: one more line, outcome `input`, reason `patent_rows`, counts the input rows (not part of the sum); the
    records they gave are the lines below it, a row that gave none among them as no_transfer_in_history.
-#}
with

record_outcomes as (

    select * from {{ ref('record_outcomes') }}

),

patent_rows as (

    select
        load_id,
        count(*) as records
    from {{ ref('stg_cnipa__export_rows') }}
    where shape = 'history'
    group by load_id

),

per_load as (

    select
        load_id,
        outcome,
        reason,
        count(*) as records,
        false as is_total
    from record_outcomes
    group by
        load_id,
        outcome,
        reason
    union all
    select
        load_id,
        'total' as outcome,
        cast(null as {{ dbt.type_string() }}) as reason,
        count(*) as records,
        true as is_total
    from record_outcomes
    group by load_id
    union all
    select
        load_id,
        'input' as outcome,
        'patent_rows' as reason,
        records,
        false as is_total
    from patent_rows

),

all_loads as (

    select
        cast(null as integer) as load_id,
        outcome,
        reason,
        sum(records) as records,
        is_total
    from per_load
    group by
        outcome,
        reason,
        is_total

),

lines as (

    select * from per_load
    union all
    select * from all_loads

),

totals as (

    select
        load_id,
        records as total_records
    from lines
    where is_total

),

ordered as (

    select
        lines.load_id,
        lines.outcome,
        lines.reason,
        lines.records,
        lines.records / nullif(cast(totals.total_records as {{ type_double() }}), 0) as record_share,
        lines.is_total,
        case when lines.load_id is null then 1 else 0 end as is_all_loads,
        case lines.outcome
            when 'input' then 0
            when 'in_scope' then 1
            when 'duplicate' then 2
            when 'replaced' then 3
            when 'out_of_scope' then 4
            when 'rejected' then 5
            when 'total' then 7
            else 6
        end as outcome_order
    from lines
    inner join totals
        on coalesce(lines.load_id, -1) = coalesce(totals.load_id, -1)

),

final as (

    select
        cast(load_id as integer) as load_id,
        cast(outcome as {{ dbt.type_string() }}) as outcome,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(records as bigint) as records,
        cast(record_share as {{ type_double() }}) as record_share,
        cast(is_total as boolean) as is_total,
        cast(row_number() over (order by is_all_loads, load_id, outcome_order, reason) as integer) as display_order
    from ordered

)

select * from final
