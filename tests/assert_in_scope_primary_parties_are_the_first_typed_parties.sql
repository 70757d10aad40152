{#-
    An in-scope transfer's primary parties, checked against int_parties_classified (docs/architecture.md,
    "Primary parties and scope"): source_institution is the name at the lowest position among the record's
    assignors typed research_institution, destination_enterprise the one among its assignees typed
    enterprise, and its effective date is on or before the cutoff. Returns each in-scope record that
    disagrees, with what the parties model says.
-#}
with

scoped as (

    select * from {{ ref('int_transfer_records_scoped') }}
    where outcome = 'in_scope'

),

parties as (

    select * from {{ ref('int_parties_classified') }}

),

first_parties as (

    {#- One pass over the parties: each side's name at the lowest position among the parties of its type. -#}
    {%- set is_institution = "side = 'assignor' and party_type = 'research_institution'" %}
    {%- set is_enterprise = "side = 'assignee' and party_type = 'enterprise'" %}
    select
        record_id,
        {{ first_by(
            'case when ' ~ is_institution ~ ' then party_name end',
            'case when ' ~ is_institution ~ ' then position end'
        ) }} as first_institution,
        {{ first_by(
            'case when ' ~ is_enterprise ~ ' then party_name end',
            'case when ' ~ is_enterprise ~ ' then position end'
        ) }} as first_enterprise
    from parties
    group by record_id

),

disagreements as (

    select
        scoped.record_id,
        scoped.source_institution,
        first_parties.first_institution,
        scoped.destination_enterprise,
        first_parties.first_enterprise,
        scoped.effective_date
    from scoped
    left join first_parties
        on scoped.record_id = first_parties.record_id
    where
        first_parties.first_institution is null
        or first_parties.first_enterprise is null
        or scoped.source_institution is null
        or scoped.destination_enterprise is null
        or scoped.source_institution != first_parties.first_institution
        or scoped.destination_enterprise != first_parties.first_enterprise
        or scoped.effective_date is null
        or scoped.effective_date > {{ cutoff_date() }}

)

select * from disagreements
