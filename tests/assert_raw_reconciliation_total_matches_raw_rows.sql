{#-
    Every raw row is accounted for: raw_reconciliation's total row = its detail rows' sum = the staging
    row count (raw rows) = record_outcomes rows = int_transfer_records_scoped rows. A patent list with its
    history in one cell adds, to the raw records, its patent rows that gave none (no_transfer_in_history,
    in record_outcomes only); its `input` line counts input rows, not records, and is left out of the sum.
-#}
with

reconciliation_total as (

    select sum(record_count) as total_row_count
    from {{ ref('raw_reconciliation') }}
    where is_total

),

reconciliation_detail as (

    select sum(record_count) as detail_sum
    from {{ ref('raw_reconciliation') }}
    where not is_total and outcome != 'input'

),

raw_rows as (

    select
        count(*) as record_count,
        count(*)
        {%- if raw_shape_name() == 'history' %}
        + (
            select count(*) from {{ ref('record_outcomes') }}
            where reason = 'no_transfer_in_history'
        )
        {%- endif %} as raw_row_count
    from {{ ref('stg_cnipa__transfer_records') }}

),

outcome_rows as (

    select count(*) as outcome_row_count
    from {{ ref('record_outcomes') }}

),

scoped_rows as (

    select count(*) as scoped_row_count
    from {{ ref('int_transfer_records_scoped') }}

),

mismatches as (

    select
        reconciliation_total.total_row_count,
        reconciliation_detail.detail_sum,
        raw_rows.raw_row_count,
        outcome_rows.outcome_row_count,
        scoped_rows.scoped_row_count
    from reconciliation_total
    cross join reconciliation_detail
    cross join raw_rows
    cross join outcome_rows
    cross join scoped_rows
    where
        reconciliation_total.total_row_count is null
        or reconciliation_total.total_row_count != raw_rows.raw_row_count
        or coalesce(reconciliation_detail.detail_sum, 0) != raw_rows.raw_row_count
        or outcome_rows.outcome_row_count != raw_rows.raw_row_count
        or scoped_rows.scoped_row_count != raw_rows.record_count

)

select * from mismatches
