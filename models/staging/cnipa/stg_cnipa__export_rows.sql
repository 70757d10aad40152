{#-
    The rows of active loads whose files name their columns the way patent databases do (shapes headers,
    legal_events, history: docs/bring-your-own.md), one row per landed row, each cell renamed to its
    warehouse column: the file's header, as written in raw.load_manifest, is folded and looked up in
    ref_raw_header_aliases here, at every build, so an alias added later maps the rows of old loads too. A
    column the file has no header for is NULL; a header mapped to `ignored`, or read past by the shape
    (read_past_columns()), is not read; two headers mapping to one column: the first.

    record_id: the file's own id column where it has one; else one made from the row's content, a hash of its
    values plus its occurrence number among identical rows of its load ('<hash>-1', '<hash>-2'). So the same
    row sent again in a later load keeps its id (and replaces itself), and two identical rows of one file are
    two records, which the warehouse reports as duplicates.
-#}
{#- Per column of the export rows: the position of its header in each file, and the cell at that position. -#}
{%- set position_columns, cell_columns = [], [] -%}
{%- for column in export_row_columns() -%}
    {%- do position_columns.append(
        'min(case when column_name = ' ~ string_literal(column) ~ ' then header_position end) as ' ~ column ~ '_position'
    ) -%}
    {%- do cell_columns.append(list_element('landed.cells', 'positions.' ~ column ~ '_position') ~ ' as ' ~ column) -%}
{%- endfor -%}
{%- set hashed_values = [] -%}
{%- for column in export_row_columns()[1:] -%}
    {%- do hashed_values.append("coalesce(" ~ column ~ ", '')") -%}
{%- endfor %}
with

files as (

    select
        load_id,
        file_name,
        sheet,
        shape,
        header
    from {{ ref('stg_cnipa__loads') }}
    where is_active and landing_table = 'export_rows'

),

aliases as (

    select * from {{ ref('stg_reference__raw_header_aliases') }}

),

landed as (

    select * from {{ source('cnipa', 'export_rows') }}

),

header_cells as (

    select
        load_id,
        file_name,
        sheet,
        shape,
        {{ unnest_with_position('header', 'header_name', 'header_position') }}
    from files

),

mapped as (

    select
        header_cells.load_id,
        header_cells.file_name,
        header_cells.sheet,
        header_cells.shape,
        header_cells.header_position,
        aliases.column_name
    from header_cells
    inner join aliases
        on {{ fold_header('header_cells.header_name') }} = aliases.header_alias_folded
    where
        aliases.column_name != 'ignored'
        {%- for column in read_past_columns('history') %}
            and not (header_cells.shape = 'history' and aliases.column_name = {{ string_literal(column) }})
        {%- endfor %}

),

positions as (

    select
        load_id,
        file_name,
        sheet,
        {{ position_columns | join(',\n        ') }}
    from mapped
    group by
        load_id,
        file_name,
        sheet

),

cells as (

    select
        landed._load_id as load_id,
        landed._file_name as file_name,
        landed._sheet as sheet,
        landed._row_number as row_number,
        files.shape,
        {{ cell_columns | join(',\n        ') }}
    from landed
    inner join files
        on
            landed._load_id = files.load_id
            and landed._file_name = files.file_name
            and coalesce(landed._sheet, '') = coalesce(files.sheet, '')
    left join positions
        on
            landed._load_id = positions.load_id
            and landed._file_name = positions.file_name
            and coalesce(landed._sheet, '') = coalesce(positions.sheet, '')

),

hashed as (

    select
        *,
        {#- The values in the warehouse's column order, whatever the file's, each NULL as '' (an empty field). -#}
        {{ dbt.hash("concat_ws(chr(31), " ~ (hashed_values | join(', ')) ~ ")") }} as content_hash
    from cells

),

identified as (

    select
        *,
        coalesce(
            record_id,
            left(content_hash, 16) || '-'
            || cast(
                row_number() over (partition by load_id, content_hash order by row_number) as {{ dbt.type_string() }}
            )
        ) as export_record_id
    from hashed

),

final as (

    select
        load_id,
        file_name,
        sheet,
        row_number,
        shape,
        export_record_id as record_id,
        {{ export_row_columns()[1:] | join(', ') }}
    from identified

)

select * from final
