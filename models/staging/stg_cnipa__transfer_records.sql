{#- One row per raw legal-status record: the raw columns as exported (*_raw) and their parsed forms. -#}
with

source as (

    select * from {{ raw_transfer_records() }}

),

renamed as (

    select
        cast(record_id as varchar) as record_id_raw,
        cast(application_no as varchar) as application_no_raw,
        cast(publication_no as varchar) as publication_no_raw,
        cast(patent_type as varchar) as patent_type_raw,
        cast(title as varchar) as title_raw,
        cast(application_date as varchar) as application_date_raw,
        cast(grant_date as varchar) as grant_date_raw,
        cast(ipc_main as varchar) as ipc_main_raw,
        cast(ipc_all as varchar) as ipc_all_raw,
        cast(legal_event as varchar) as legal_event_raw,
        cast(effective_date as varchar) as effective_date_raw,
        cast(assignors as varchar) as assignors_raw,
        cast(assignor_address as varchar) as assignor_address_raw,
        cast(assignees as varchar) as assignees_raw,
        cast(assignee_address as varchar) as assignee_address_raw,
        cast(pct_application_no as varchar) as pct_application_no_raw
    from source

),

folded as (

    select
        *,
        record_id_raw as record_id,
        {{ normalize_application_no('application_no_raw') }} as application_no_cleaned,
        upper(replace({{ fold_width('publication_no_raw') }}, ' ', '')) as publication_no_folded,
        lower({{ fold_width('patent_type_raw') }}) as patent_type_folded,
        {{ fold_width('title_raw') }} as title_folded,
        coalesce({{ fold_width('application_date_raw') }}, '') as application_date_folded,
        coalesce({{ fold_width('grant_date_raw') }}, '') as grant_date_folded,
        coalesce({{ fold_width('effective_date_raw') }}, '') as effective_date_folded,
        {{ normalize_ipc('ipc_main_raw') }} as ipc_main_folded,
        coalesce({{ fold_width('ipc_all_raw') }}, '') as ipc_all_folded,
        {{ fold_width('legal_event_raw') }} as legal_event_folded,
        coalesce({{ fold_width('assignors_raw') }}, '') as assignors_folded,
        coalesce({{ fold_width('assignees_raw') }}, '') as assignees_folded,
        {{ fold_width('assignor_address_raw') }} as assignor_address_folded,
        {{ fold_width('assignee_address_raw') }} as assignee_address_folded,
        upper(replace({{ fold_width('pct_application_no_raw') }}, ' ', '')) as pct_application_no_folded
    from renamed

),

application_numbers as (

    select
        *,
        regexp_full_match(application_no_cleaned, '\d{12}[\dX]|\d{8}[\dX]') as is_application_no_well_formed,
        case
            when regexp_full_match(application_no_cleaned, '\d{12}[\dX]|\d{8}[\dX]')
                then left(application_no_cleaned, length(application_no_cleaned) - 1)
        end as application_no_body,
        case
            when regexp_full_match(application_no_cleaned, '\d{12}[\dX]|\d{8}[\dX]')
                then right(application_no_cleaned, 1)
        end as check_character
    from folded

),

check_characters as (

    select
        *,
        {{ check_character('application_no_body') }} = check_character as is_check_character_valid,
        case
            when application_no_body is not null then application_no_body || '.' || check_character
        end as application_no,
        cast(case length(application_no_body)
            when 12 then substr(application_no_body, 5, 1)
            when 8 then substr(application_no_body, 3, 1)
        end as integer) as type_digit
    from application_numbers

),

dates as (

    select
        *,
        {{ parse_date('application_date_folded') }} as application_date,
        {{ parse_date('grant_date_folded') }} as grant_date,
        {{ parse_date('effective_date_folded') }} as effective_date
    from check_characters

),

lists as (

    {#- The folded text holds only single spaces, so a space next to ';' is all the trimming a name needs,
        and removing every space from the folded ipc_all normalises all its codes at once. -#}
    select
        *,
        list_filter(
            string_split(replace(replace(assignors_folded, ' ;', ';'), '; ', ';'), ';'),
            lambda name: name != ''
        ) as assignor_names,
        list_filter(
            string_split(replace(replace(assignees_folded, ' ;', ';'), '; ', ';'), ';'),
            lambda name: name != ''
        ) as assignee_names,
        list_prepend(
            ipc_main_folded,
            list_filter(string_split(upper(replace(ipc_all_folded, ' ', '')), ';'), lambda code: code != '')
        ) as ipc_codes_listed
    from dates

),

classified as (

    select
        *,
        case
            when type_digit in (1, 8) then 'invention'
            when type_digit in (2, 9) then 'utility_model'
            when type_digit = 3 then 'design'
            when patent_type_folded in ('发明', '发明专利', 'invention') then 'invention'
            when patent_type_folded in ('实用新型', '实用新型专利', 'utility model', 'utility_model') then 'utility_model'
            when patent_type_folded in ('外观设计', '外观设计专利', 'design') then 'design'
            else 'unknown'
        end as patent_type,
        case
            when legal_event_folded in ('专利权的转移', '专利申请权的转移', '专利申请权、专利权的转移') then 'transfer'
            when legal_event_folded like '%许可%' then 'licence'
            when legal_event_folded like '%质押%' then 'pledge'
            when legal_event_folded like '%变更%' then 'change'
            else 'other'
        end as legal_event_kind,
        (application_date_folded = '' or application_date is null)
        or (effective_date_folded = '' or effective_date is null)
        or (grant_date_folded != '' and grant_date is null) as has_bad_date,
        list_transform(
            list_filter(
                generate_series(1, len(ipc_codes_listed)),
                lambda i: ipc_codes_listed[i] is not null and list_position(ipc_codes_listed, ipc_codes_listed[i]) = i
            ),
            lambda i: ipc_codes_listed[i]
        ) as ipc_codes
    from lists

),

final as (

    select
        record_id,
        application_no,
        application_no_body,
        check_character,
        is_check_character_valid,
        type_digit,
        patent_type,
        nullif(publication_no_folded, '') as publication_no,
        nullif(title_folded, '') as title,
        application_date,
        grant_date,
        effective_date,
        has_bad_date,
        ipc_main_folded as ipc_main,
        left(ipc_main_folded, 4) as ipc_main_subclass,
        ipc_codes,
        legal_event_kind,
        assignor_names,
        assignee_names,
        nullif(assignor_address_folded, '') as assignor_address,
        nullif(assignee_address_folded, '') as assignee_address,
        nullif(pct_application_no_folded, '') as pct_application_no,
        record_id_raw,
        application_no_raw,
        publication_no_raw,
        patent_type_raw,
        title_raw,
        application_date_raw,
        grant_date_raw,
        ipc_main_raw,
        ipc_all_raw,
        legal_event_raw,
        effective_date_raw,
        assignors_raw,
        assignor_address_raw,
        assignees_raw,
        assignee_address_raw,
        pct_application_no_raw
    from classified

)

select * from final
