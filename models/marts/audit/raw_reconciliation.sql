{#-
    Every raw record accounted for: one row per (outcome, reason) and a total row. reason is NULL for
    in_scope and for the total row. The detail rows sum to the total, which equals the raw row count.
    A patent list with its legal history in one cell (docs/bring-your-own.md) gives several records per input
    row: one more line, outcome `input`, reason `patent_rows`, counts the input rows (not part of the sum);
    the records they gave are the lines below it, a row that gave none among them as no_transfer_in_history.
-#}
with

record_outcomes as (

    select * from {{ ref('record_outcomes') }}

),

outcome_counts as (

    select
        outcome,
        reason,
        count(*) as record_count
    from record_outcomes
    group by
        outcome,
        reason

),

total as (

    select
        'total' as outcome,
        cast(null as {{ dbt.type_string() }}) as reason,
        count(*) as record_count
    from record_outcomes

),

lines as (

    select
        outcome,
        reason,
        record_count,
        false as is_total
    from outcome_counts
    {%- if raw_shape_name() == 'history' %}
    union all
    select
        'input' as outcome,
        'patent_rows' as reason,
        count(*) as record_count,
        false as is_total
    from {{ ref('stg_cnipa__export_rows') }}
    {%- endif %}
    union all
    select
        outcome,
        reason,
        record_count,
        true as is_total
    from total

),

ordered as (

    select
        lines.outcome,
        lines.reason,
        lines.record_count,
        lines.record_count / nullif(cast(total.record_count as {{ type_double() }}), 0) as record_share,
        lines.is_total,
        case lines.outcome
            when 'input' then 0
            when 'in_scope' then 1
            when 'duplicate' then 2
            when 'out_of_scope' then 3
            when 'rejected' then 4
            when 'total' then 6
            else 5
        end as outcome_order
    from lines
    cross join total

),

final as (

    select
        cast(outcome as {{ dbt.type_string() }}) as outcome,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(record_count as bigint) as record_count,
        cast(record_share as {{ type_double() }}) as record_share,
        cast(is_total as boolean) as is_total,
        cast(row_number() over (order by outcome_order, reason) as integer) as display_order
    from ordered

)

select * from final
