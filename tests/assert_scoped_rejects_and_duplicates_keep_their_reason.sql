{#-
    The hub's first-that-applies order, checked against the models it reads: a record that cannot be read
    (int_transfer_records_deduplicated.reject_reason) is `rejected` with that reason, and a duplicate matched
    by int_duplicate_records_matched is `duplicate` pointing at the same kept record, whatever else would
    apply to it (a licence, a date after the cutoff, no research transferor); any other record is in or out of
    scope (docs/architecture.md, "Rejects", "Duplicates", "Primary parties and scope"). Returns each record
    whose outcome or reason disagrees.
-#}
with

scoped as (

    select * from {{ ref('int_transfer_records_scoped') }}

),

deduplicated as (

    select * from {{ ref('int_transfer_records_deduplicated') }}

),

duplicates as (

    select * from {{ ref('int_duplicate_records_matched') }}

),

expected as (

    select
        deduplicated.record_id,
        case
            when deduplicated.reject_reason is not null then 'rejected'
            when duplicates.record_id is not null then 'duplicate'
        end as expected_outcome,
        coalesce(
            deduplicated.reject_reason, case when duplicates.record_id is not null then 'duplicate' end
        ) as expected_reason,
        duplicates.duplicate_of_record_id as expected_duplicate_of_record_id
    from deduplicated
    left join duplicates
        on deduplicated.record_id = duplicates.record_id

),

disagreements as (

    select
        expected.record_id,
        expected.expected_outcome,
        expected.expected_reason,
        scoped.outcome,
        scoped.reason
    from expected
    left join scoped
        on expected.record_id = scoped.record_id
    where
        scoped.record_id is null
        or (expected.expected_outcome is null and scoped.outcome not in ('in_scope', 'out_of_scope'))
        or (
            expected.expected_outcome is not null
            and (
                scoped.outcome != expected.expected_outcome
                or scoped.reason != expected.expected_reason
                or coalesce(scoped.duplicate_of_record_id, '')
                != coalesce(expected.expected_duplicate_of_record_id, '')
            )
        )

)

select * from disagreements
