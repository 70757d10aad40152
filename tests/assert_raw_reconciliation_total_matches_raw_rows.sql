{#-
    Every landed row is accounted for, per active load (docs/architecture.md#landing): raw_reconciliation's
    total row = its detail rows' sum = the load's record_outcomes rows = the records staging read from the load
    (plus a patent list's rows that gave no record, no_transfer_in_history) = the rows landed, where a row is
    a record (every shape but a patent list with its history in one cell, whose `input` line counts its rows
    instead); and the hub holds one row per current record. The all-loads rows add up the same way.
-#}
with

reconciliation as (

    select * from {{ ref('raw_reconciliation') }}

),

reconciled as (

    select
        load_id,
        sum(case when is_total then records end) as total_records,
        sum(case when not is_total and outcome != 'input' then records end) as detail_records,
        sum(case when outcome = 'input' then records else 0 end) as input_rows
    from reconciliation
    group by load_id

),

outcomes as (

    select
        load_id,
        count(*) as outcome_rows,
        sum(case when reason = 'no_transfer_in_history' then 1 else 0 end) as patent_rows_without_record
    from {{ ref('record_outcomes') }}
    group by load_id

),

landed_records as (

    select
        load_id,
        count(*) as records
    from {{ ref('stg_cnipa__landed_records') }}
    group by load_id

),

landed_rows as (

    select
        load_id,
        sum(record_rows) as record_rows,
        sum(patent_rows) as patent_rows
    from (
        select
            load_id,
            1 as record_rows,
            0 as patent_rows
        from {{ ref('stg_cnipa__contract_rows') }}
        union all
        select
            load_id,
            case when shape = 'history' then 0 else 1 end as record_rows,
            case when shape = 'history' then 1 else 0 end as patent_rows
        from {{ ref('stg_cnipa__export_rows') }}
    ) as rows_by_shape
    group by load_id

),

per_load_mismatches as (

    select
        landed_rows.load_id,
        reconciled.total_records,
        reconciled.detail_records,
        outcomes.outcome_rows,
        landed_records.records,
        landed_rows.record_rows,
        landed_rows.patent_rows,
        reconciled.input_rows
    from landed_rows
    left join reconciled
        on landed_rows.load_id = reconciled.load_id
    left join outcomes
        on landed_rows.load_id = outcomes.load_id
    left join landed_records
        on landed_rows.load_id = landed_records.load_id
    where
        reconciled.total_records is null
        or reconciled.total_records != reconciled.detail_records
        or reconciled.total_records != outcomes.outcome_rows
        or reconciled.total_records != coalesce(landed_records.records, 0) + outcomes.patent_rows_without_record
        or (landed_rows.patent_rows = 0 and coalesce(landed_records.records, 0) != landed_rows.record_rows)
        or reconciled.input_rows != landed_rows.patent_rows

),

all_loads_mismatches as (

    select
        cast(null as integer) as load_id,
        all_loads.total_records,
        all_loads.detail_records,
        (select count(*) from {{ ref('record_outcomes') }}) as outcome_rows,
        (select count(*) from {{ ref('int_transfer_records_scoped') }}) as records,
        (select count(*) from {{ ref('stg_cnipa__transfer_records') }}) as record_rows,
        cast(null as bigint) as patent_rows,
        all_loads.input_rows
    from reconciled as all_loads
    where
        all_loads.load_id is null
        and (
            all_loads.total_records != all_loads.detail_records
            or all_loads.total_records != (select count(*) from {{ ref('record_outcomes') }})
            or (select count(*) from {{ ref('int_transfer_records_scoped') }})
            != (select count(*) from {{ ref('stg_cnipa__transfer_records') }})
        )

)

select * from per_load_mismatches
union all
select * from all_loads_mismatches
