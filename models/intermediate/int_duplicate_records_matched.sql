{#-
    One row per duplicate record: a readable record whose registration (same application number, effective
    date, assignor list and assignee list, in order) was also exported under a smaller record_id, with the
    smallest such record_id, the copy kept in its place: numerically when all the copies' ids are digits
    ('9' before '10'), else as text. Only the duplicates are stored (a few per cent of the records), so
    int_transfer_records_flagged can be a view: stg_cnipa__transfer_records joined to this small table.
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

candidate_ids as (

    {#- record_id_digits: the id without leading zeros when it is all digits. Among digit strings without
        leading zeros the numeric order is the order of (length, text): no cast, so no id is too long for
        a numeric type, and the order is the same on every engine. -#}
    select
        *,
        case
            when {{ full_match('record_id', '[0-9]+') }} then regexp_replace(record_id, '^0+', '')
        end as record_id_digits
    from candidates

),

copies as (

    {#- has_digit_ids: every copy of the registration has an all-digit id (then they compare as numbers). -#}
    select
        *,
        count(*) over (
            partition by application_no, effective_date, assignor_names, assignee_names
        ) as copy_count,
        min(case when record_id_digits is null then 0 else 1 end) over (
            partition by application_no, effective_date, assignor_names, assignee_names
        ) = 1 as has_digit_ids
    from candidate_ids

),

ordered_copies as (

    {#- The copy kept: the smallest record_id, numerically when all the copies' ids are digits ('9' before
        '10'; '09' and '9' are equal as numbers and then ordered as text), else as text ('10' before 'A9'). -#}
    select
        record_id,
        copy_count,
        first_value(record_id) over (
            partition by application_no, effective_date, assignor_names, assignee_names
            order by
                case when has_digit_ids then length(record_id_digits) end,
                case when has_digit_ids then record_id_digits end,
                record_id
            rows between unbounded preceding and unbounded following
        ) as kept_record_id
    from copies

),

duplicates as (

    select
        record_id,
        kept_record_id as duplicate_of_record_id
    from ordered_copies
    where
        copy_count > 1
        and record_id != kept_record_id

)

select * from duplicates
