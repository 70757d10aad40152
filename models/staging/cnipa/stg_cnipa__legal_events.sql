{#-
    One row per legal event of a legal-status export (法律状态公告日, 法律状态, 描述信息; or, for a patent list,
    the blocks of its history cell, stg_cnipa__patent_histories), the description text read into the
    contract's columns (docs/bring-your-own.md; the rule in macros/parsing/legal_description.sql):

    - parties: 变更前权利人 / 变更后权利人 (or 申请人, 专利权人, 专利申请权人, or 变更前 / 变更后 alone) of the
      `变更事项:专利权人` (申请人, 专利申请权人, 权利人) block, or, without such a block, of the text outside the
      `变更事项:地址` block; co-owners split on `、` are joined with `;` as the contract writes them;
    - addresses: 变更前 / 变更后 of the `变更事项:地址` block (the first-listed party's, as in the contract);
    - effective_date: 登记生效日; without it the announcement date, effective_date_basis = 'announcement';
    - ipc_main: IPC(主分类), else the export's own IPC column where it has one.
    is_description_read is false when the description names no party (no 变更前 or 变更后 key): a transfer
    like that is rejected as unreadable_description (reject_reason()), its text kept in record_outcomes.
    Columns the shape does not carry (title, application and grant date, patent-type text, PCT number in an
    event export) are NULL: the number still gives the patent type.
-#}
{%- set party_matter = '变更事项\\s*:\\s*(?:专利申请权人|专利权人|申请人|权利人)' -%}
{%- set address_matter = '变更事项\\s*:\\s*地址' -%}
{%- set party_key_before = '变更前(?:专利申请权人|专利权人|权利人|申请人)?' -%}
{%- set party_key_after = '变更后(?:专利申请权人|专利权人|权利人|申请人)?' -%}
{%- set address_key_before = '变更前(?:专利申请权人|专利权人|权利人|申请人|地址)?' -%}
{%- set address_key_after = '变更后(?:专利申请权人|专利权人|权利人|申请人|地址)?' -%}
{#- The contract's columns, in its order: those read from the text, the rest as the event carries them. -#}
{%- set read_from_text = {
    'ipc_main': 'coalesce(description_ipc, ipc_main)',
    'effective_date': 'coalesce(registration_date, announcement_date)',
    'assignors': "replace(assignors_text, '、', ';')",
    'assignees': "replace(assignees_text, '、', ';')",
} -%}
{%- set event_columns = ['load_id', 'file_name', 'sheet', 'row_number', 'shape', 'record_id']
    + patent_columns() + ['announcement_date', 'legal_event', 'description'] %}
with

events as (

    {#- A legal-status export's rows are its events; a patent list's are the blocks of its history cells. -#}
    select {{ event_columns | join(', ') }}
    from {{ ref('stg_cnipa__export_rows') }}
    where shape = 'legal_events'
    union all
    select {{ event_columns | join(', ') }}
    from {{ ref('stg_cnipa__patent_histories') }}

),

folded as (

    select
        *,
        coalesce({{ fold_width('description') }}, '') as description_folded,
        {{ fold_width('legal_event') }} as legal_event_folded
    from events

),

matters as (

    select
        *,
        {{ regex_search('description_folded', party_matter) }} as has_party_matter,
        {{ regex_search('description_folded', address_matter) }} as has_address_matter
    from folded

),

scoped as (

    {#- Which part of the text each value is looked for in: a 变更前 of the address block is an address. -#}
    select
        *,
        case
            when has_party_matter then {{ regex_extract('description_folded', party_matter ~ '(.*)$') }}
            when has_address_matter then {{ regex_extract('description_folded', '^(.*?)' ~ address_matter) }}
            else description_folded
        end as party_text,
        case
            when has_address_matter then {{ regex_extract('description_folded', address_matter ~ '(.*)$') }}
        end as address_text
    from matters

),

parsed as (

    select
        *,
        coalesce({{ regex_search('party_text', party_key_before ~ '\\s*:') }}, false)
        or coalesce({{ regex_search('party_text', party_key_after ~ '\\s*:') }}, false) as is_description_read,
        nullif({{ description_value('party_text', party_key_before) }}, '') as assignors_text,
        nullif({{ description_value('party_text', party_key_after) }}, '') as assignees_text,
        nullif({{ description_value('address_text', address_key_before) }}, '') as assignor_address,
        nullif({{ description_value('address_text', address_key_after) }}, '') as assignee_address,
        case
            when {{ regex_search('description_folded', '登记生效日\\s*:') }}
                then nullif({{ description_value('description_folded', '登记生效日') }}, '')
        end as registration_date,
        nullif({{ description_value('description_folded', 'IPC\\(主分类\\)|IPC主分类') }}, '') as description_ipc
    from scoped

),

final as (

    select
        load_id,
        file_name,
        sheet,
        row_number,
        shape,
        {%- for column in raw_export_columns() %}
            {{ read_from_text.get(column, column) }} as {{ column }},
        {%- endfor %}
        announcement_date,
        case when registration_date is not null then 'registration' else 'announcement' end as effective_date_basis,
        description,
        is_description_read,
        {{ is_transfer_event('legal_event_folded') }} as is_transfer_event
    from parsed

)

select * from final
