{#-
    One row per record of the active loads (docs/architecture.md#landing): its parsed columns, its provenance
    (load, file, sheet, row), and the raw columns as exported (*_raw) where the record cannot be read.

    Every shape's records, in the contract's columns: contract rows as landed, database-header rows as
    renamed (stg_cnipa__export_rows), legal events as read from their description (stg_cnipa__legal_events:
    every event of an event export, the transfer blocks of a patent list's history). A record_id that an
    earlier active load also holds is the latest load's version here; the earlier versions are accounted as
    replaced (stg_cnipa__replaced_records).

    A table, rebuilt from raw by every build: the export is parsed once per build, and always under the
    rules of the day, so a warehouse rebuilt from its own raw tables equals a fresh build from the same files.
-#}
{{ config(materialized='table') }}
with

landed_records as (

    select * from {{ ref('stg_cnipa__landed_records') }}

),

replaced_records as (

    select * from {{ ref('stg_cnipa__replaced_records') }}

),

source as (

    {#- A left join kept where nothing matched, not `not exists`: DuckDB plans that correlated form as a delim
        join, which first copies every landed row (x100: 8 CPU seconds); the join probes a usually empty table. -#}
    select landed_records.*
    from landed_records
    left join replaced_records
        on
            landed_records.load_id = replaced_records.load_id
            and landed_records.record_id = replaced_records.record_id
    where replaced_records.record_id is null

),

renamed as (

    select
        load_id,
        file_name,
        sheet,
        row_number,
        {%- for column in raw_export_columns() %}
            cast({{ column }} as {{ dbt.type_string() }}) as {{ column }}_raw,
        {%- endfor %}
        cast(effective_date_basis as {{ dbt.type_string() }}) as effective_date_basis,
        cast(description as {{ dbt.type_string() }}) as description_raw,
        cast(is_description_read as boolean) as is_description_read
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
        coalesce({{ normalize_ipc('ipc_all_raw') }}, '') as ipc_all_folded,
        {{ fold_width('legal_event_raw') }} as legal_event_folded,
        coalesce({{ fold_width('assignors_raw') }}, '') as assignors_folded,
        coalesce({{ fold_width('assignees_raw') }}, '') as assignees_folded,
        {{ fold_width('assignor_address_raw') }} as assignor_address_folded,
        {{ fold_width('assignee_address_raw') }} as assignee_address_folded,
        upper(replace({{ fold_width('pct_application_no_raw') }}, ' ', '')) as pct_application_no_folded
    from renamed

),

well_formed as (

    select
        *,
        {{ full_match('application_no_cleaned', '\\d{12}[\\dX]|\\d{8}[\\dX]') }} as is_application_no_well_formed
    from folded

),

application_numbers as (

    select
        *,
        case
            when is_application_no_well_formed
                then left(application_no_cleaned, length(application_no_cleaned) - 1)
        end as application_no_body,
        case
            when is_application_no_well_formed
                then right(application_no_cleaned, 1)
        end as check_character
    from well_formed

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

    {#- The folded text holds only single spaces, so a space next to ';' is all the trimming a name needs;
        ipc_all went through normalize_ipc whole (spaces and edition suffixes removed, upper-cased), which
        normalises all its codes at once. -#}
    select
        *,
        {{ split_nonempty("replace(replace(assignors_folded, ' ;', ';'), '; ', ';')", ';') }} as assignor_names,
        {{ split_nonempty("replace(replace(assignees_folded, ' ;', ';'), '; ', ';')", ';') }} as assignee_names,
        {{ list_prepend('ipc_main_folded', split_nonempty('ipc_all_folded', ';')) }}
            as ipc_codes_listed
    from dates

),

classified as {{ computed_once() }} (

    {#- computed_once(): these columns are read many times below (is_unreadable, then 16 times). -#}
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
            when {{ is_transfer_event('legal_event_folded') }} then 'transfer'
            when legal_event_folded like '%许可%' then 'licence'
            when legal_event_folded like '%质押%' then 'pledge'
            when legal_event_folded like '%变更%' then 'change'
            else 'other'
        end as legal_event_kind,
        {#- A missing date is not an unreadable one (docs/architecture.md, "Rejects"): only the effective date is
            required. -#}
        (application_date_folded != '' and application_date is null)
        or (effective_date_folded = '' or effective_date is null)
        or (grant_date_folded != '' and grant_date is null) as has_bad_date,
        {{ list_distinct_ordered('ipc_codes_listed') }} as ipc_codes
    from lists

),

judged as (

    {#- reject_reason() is the rule int_transfer_records_flagged applies; here it only decides which
        records keep their raw text. -#}
    select
        *,
        ({{ reject_reason() }}) is not null as is_unreadable
    from classified

),

final as (

    select
        record_id,
        load_id,
        file_name,
        sheet,
        row_number,
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
        {#- The transfer's form decides whether its patent had been granted (docs/architecture.md, "Grant to
            transfer"): a transfer of the right to apply has no grant to count from. -#}
        legal_event_folded = '专利权的转移' as is_patent_right_transfer,
        assignor_names,
        assignee_names,
        nullif(assignor_address_folded, '') as assignor_address,
        nullif(assignee_address_folded, '') as assignee_address,
        nullif(pct_application_no_folded, '') as pct_application_no,
        effective_date_basis,
        is_description_read,
        {#- The raw text as exported is kept where it is evidence: for a record that cannot be read. A
            readable record's text is in its parsed columns (and in the export), so storing every column twice
            for every record would double the table's text for no reader. -#}
        {%- for column in raw_export_columns() %}
            case when is_unreadable then {{ column }}_raw end as {{ column }}_raw,
        {%- endfor %}
        {#- A description that names no party is the evidence of its rejection; any other may name people. -#}
        case when is_unreadable and not is_description_read then description_raw end as description_raw
    from judged

)

select * from final
