{#-
    One row per record x side x position: each folded party name of the assignor and assignee lists, with
    the export's address attached to the party listed first on its side (the only one it describes).
-#}
with

records as (

    select
        record_id,
        assignor_names,
        assignee_names,
        assignor_address,
        assignee_address
    from {{ ref('stg_cnipa__transfer_records') }}

),

assignors as (

    select
        record_id,
        'assignor' as side,
        assignor_address as side_address,
        {{ unnest_with_position('assignor_names', 'party_name', 'party_position') }}
    from records

),

assignees as (

    select
        record_id,
        'assignee' as side,
        assignee_address as side_address,
        {{ unnest_with_position('assignee_names', 'party_name', 'party_position') }}
    from records

),

unioned as (

    select * from assignors
    union all
    select * from assignees

),

final as (

    select
        record_id,
        side,
        party_position as position,  -- noqa: RF04
        party_name,
        case when party_position = 1 then side_address end as party_address
    from unioned

)

select * from final
