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

exported_parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

first_parties as (

    {#- One pass over the parties: each side's party at the lowest position among the parties of its type, as
        its number (an integer to carry, not a name); the names are fetched afterwards. -#}
    {%- set is_institution = "side = 'assignor' and party_type = 'research_institution'" %}
    {%- set is_enterprise = "side = 'assignee' and party_type = 'enterprise'" %}
    select
        record_id,
        {{ first_by(
            'case when ' ~ is_institution ~ ' then exported_party_id end',
            'case when ' ~ is_institution ~ ' then position end'
        ) }} as first_institution_id,
        {{ first_by(
            'case when ' ~ is_enterprise ~ ' then exported_party_id end',
            'case when ' ~ is_enterprise ~ ' then position end'
        ) }} as first_enterprise_id
    from parties
    where ({{ is_institution }}) or ({{ is_enterprise }})
    group by record_id

),

first_names as (

    select
        first_parties.record_id,
        institutions.party_name as first_institution,
        enterprises.party_name as first_enterprise
    from first_parties
    left join exported_parties as institutions
        on first_parties.first_institution_id = institutions.exported_party_id
    left join exported_parties as enterprises
        on first_parties.first_enterprise_id = enterprises.exported_party_id

),

disagreements as (

    select
        scoped.record_id,
        scoped.source_institution,
        first_names.first_institution,
        scoped.destination_enterprise,
        first_names.first_enterprise,
        scoped.effective_date
    from scoped
    left join first_names
        on scoped.record_id = first_names.record_id
    where
        first_names.first_institution is null
        or first_names.first_enterprise is null
        or scoped.source_institution is null
        or scoped.destination_enterprise is null
        or scoped.source_institution != first_names.first_institution
        or scoped.destination_enterprise != first_names.first_enterprise
        or scoped.effective_date is null
        or scoped.effective_date > {{ cutoff_date() }}

)

select * from disagreements
