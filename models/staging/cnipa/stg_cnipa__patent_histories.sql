{#-
    A patent list whose legal history sits in one cell (历史法律状态 / 法律状态历史, docs/bring-your-own.md):
    one row per block of that cell. Blocks are separated by `#` (or `＃`); each holds
    `法律状态公告日：…; 法律状态：…; 描述信息：…`, read by the description rule (macros/parsing/
    legal_description.sql): a value runs to the next key, and the description, which holds keys of its own,
    runs to the end of its block. record_id is the patent row's id and the block's position among the
    cell's non-blank blocks (`<patent row id>#<position>`); the patent row's own columns (title, dates,
    IPC …) go with every block. stg_cnipa__legal_events parses the descriptions; only transfer blocks
    become records, and a patent row without one is reported in record_outcomes (no_transfer_in_history).
-#}
with

patents as (

    select * from {{ ref('stg_cnipa__export_rows') }}
    where shape = 'history'

),

blocks as (

    select
        load_id,
        file_name,
        sheet,
        row_number,
        shape,
        record_id as patent_record_id,
        {%- for column in patent_columns() %}
            {{ column }},
        {%- endfor %}
        {{ unnest_with_position(
            split_nonempty("replace(coalesce(legal_history, ''), '＃', '#')", '#'),
            'block_text', 'block_position'
        ) }}
    from patents

),

folded as (

    select
        *,
        {{ fold_width('block_text') }} as block_folded
    from blocks

),

parsed as (

    select
        load_id,
        file_name,
        sheet,
        row_number,
        shape,
        patent_record_id || '#' || cast(block_position as {{ dbt.type_string() }}) as record_id,
        patent_record_id,
        block_position,
        {%- for column in patent_columns() %}
            {{ column }},
        {%- endfor %}
        nullif({{ description_value('block_folded', '法律状态公告日') }}, '') as announcement_date,
        nullif({{ description_value('block_folded', '法律状态') }}, '') as legal_event,
        nullif(trim({{ regex_extract('block_folded', '描述信息\\s*:\\s*(.*)$') }}), '') as description
    from folded
    where block_folded != ''

)

select * from parsed
