{#-
    One row per duplicate record: a readable record whose registration (same application number, effective
    date, assignor list and assignee list, in order) was also exported under a smaller record_id, with the
    smallest such record_id, the copy kept in its place. Only the duplicates are stored (a few per cent of
    the records), so int_transfer_records_deduplicated can be a view: stg_cnipa__transfer_records joined to
    this small table.
-#}
{#- Each step reads the staging table itself: a CTE read twice is materialised, and this one would hold
    every record's name lists. #}
with

candidate_keys as (

    {#- Copies share an application number and an effective date: grouping on those two plain columns
        first leaves only the few candidate records for the comparison of the name lists. -#}
    select
        application_no,
        effective_date
    from {{ ref('stg_cnipa__transfer_records') }}
    where ({{ reject_reason() }}) is null
    group by
        application_no,
        effective_date
    having count(*) > 1

),

candidates as (

    select
        records.record_id,
        records.application_no,
        records.effective_date,
        records.assignor_names,
        records.assignee_names
    from {{ ref('stg_cnipa__transfer_records') }} as records
    inner join candidate_keys
        on
            records.application_no = candidate_keys.application_no
            and records.effective_date = candidate_keys.effective_date
    where ({{ reject_reason('records') }}) is null

),

copied_registrations as (

    select
        application_no,
        effective_date,
        assignor_names,
        assignee_names,
        min(record_id) as kept_record_id
    from candidates
    group by
        application_no,
        effective_date,
        assignor_names,
        assignee_names
    having count(*) > 1

),

duplicates as (

    select
        candidates.record_id,
        copied_registrations.kept_record_id as duplicate_of_record_id
    from candidates
    inner join copied_registrations
        on
            candidates.application_no = copied_registrations.application_no
            and candidates.effective_date = copied_registrations.effective_date
            and candidates.assignor_names = copied_registrations.assignor_names
            and candidates.assignee_names = copied_registrations.assignee_names
    where candidates.record_id != copied_registrations.kept_record_id

)

select * from duplicates
