{#-
    The rows of active loads in the contract's 16 columns, each text as written: the files landed in
    raw.contract_rows, and the bundled seed when it is a load of this warehouse (a warehouse never given a file:
    docs/architecture.md#landing). One row per landed row, with its load, file, sheet and row number.
-#}
{%- set bundled_columns = [] -%}
{%- for column in raw_export_columns() -%}
    {%- do bundled_columns.append('cast(bundled.' ~ column ~ ' as ' ~ dbt.type_string() ~ ') as ' ~ column) -%}
{%- endfor %}
with

active_loads as (

    select * from {{ ref('stg_cnipa__loads') }}
    where is_active

),

landed as (

    select * from {{ source('cnipa', 'contract_rows') }}
    where _load_id in (select active_loads.load_id from active_loads)

),

bundled_loads as (

    select * from active_loads
    where landing_table = 'raw_transfer_records'

),

bundled as (

    select * from {{ ref('raw_transfer_records') }}

),

unioned as (

    select
        _load_id as load_id,
        _file_name as file_name,
        _sheet as sheet,
        _row_number as row_number,
        {{ raw_export_columns() | join(', ') }}
    from landed
    union all
    {# dbt seed keeps no row numbers: the seed's rows are told apart by record_id, unique in the seed. #}
    select
        bundled_loads.load_id,
        bundled_loads.file_name,
        bundled_loads.sheet,
        cast(null as bigint) as row_number,
        {{ bundled_columns | join(',\n        ') }}
    from bundled
    cross join bundled_loads

)

select * from unioned
