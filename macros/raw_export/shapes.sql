{#-
    The export's shape (docs/bring-your-own.md). var raw_shape, set by make build from the header
    row (python/gba_tech_transfer/build/shapes.py, through seeds/reference/ref_raw_header_aliases.csv):
        {name: headers | legal_events | history, columns: {<warehouse column>: <header as written>, ...}}
    Unset (or name contract): the contract's columns, read from the source cnipa.raw_transfer_records.

    raw_shape_name(): the shape's name ('contract' when unset).
    raw_shape_columns(): the mapping (empty for the contract).
    export_row_columns(): the columns stg_cnipa__export_rows gives, whatever the shape: the contract's,
        then announcement_date, description, legal_history (NULL where the shape has none).
    legal_event_columns(): the contract's columns a legal event's description gives (stg_cnipa__legal_events
        reads them from its text; legal_event is the event's own name).
    patent_columns(): the contract's other columns but record_id, which describe the patent: an event or a
        history block carries its patent row's.
    raw_export_records(): what stg_cnipa__transfer_records reads: the contract's columns plus
        effective_date_basis ('registration' | 'announcement'), description (the legal event's text as
        exported; NULL in the column shapes) and is_description_read (NULL in the column shapes; false for a
        description naming no party).
-#}
{% macro raw_shape_name() -%}
    {%- set shape = var('raw_shape', none) -%}
    {{ return((shape or {}).get('name', 'contract')) }}
{%- endmacro %}

{% macro raw_shape_columns() -%}
    {%- set shape = var('raw_shape', none) -%}
    {{ return((shape or {}).get('columns', {})) }}
{%- endmacro %}

{% macro is_event_shape() -%}
    {{ return(raw_shape_name() in ('legal_events', 'history')) }}
{%- endmacro %}

{% macro export_row_columns() -%}
    {{ return(raw_export_columns() + ['announcement_date', 'description', 'legal_history']) }}
{%- endmacro %}

{% macro legal_event_columns() -%}
    {{ return(['legal_event', 'effective_date', 'assignors', 'assignor_address', 'assignees', 'assignee_address']) }}
{%- endmacro %}

{% macro patent_columns() -%}
    {{ return(raw_export_columns() | reject('in', ['record_id'] + legal_event_columns()) | list) }}
{%- endmacro %}

{% macro raw_export_records() -%}
    {%- set shape = raw_shape_name() -%}
    {%- if shape == 'contract' -%}
        (
            select
                *,
                'registration' as effective_date_basis,
                cast(null as {{ dbt.type_string() }}) as description,
                cast(null as boolean) as is_description_read
            from {{ raw_export_source() }}
        )
    {%- elif shape == 'headers' -%}
        (
            select
                {%- for column in raw_export_columns() %}
                {{ column }},
                {%- endfor %}
                'registration' as effective_date_basis,
                cast(null as {{ dbt.type_string() }}) as description,
                cast(null as boolean) as is_description_read
            from {{ ref('stg_cnipa__export_rows') }}
        )
    {%- else -%}
        (
            select
                {%- for column in raw_export_columns() %}
                {{ column }},
                {%- endfor %}
                effective_date_basis,
                description,
                is_description_read
            from {{ ref('stg_cnipa__legal_events') }}
            {#- A patent list's history: each transfer block is a record; its other events are not (SPEC §6). -#}
            {%- if shape == 'history' %}
            where is_transfer_event
            {%- endif %}
        )
    {%- endif -%}
{%- endmacro %}

{#-
    export_rows_reader(): the export's file(s) with every header renamed to its warehouse column (DuckDB;
    PostgreSQL and Spark read the contract's shape only, macros/raw_export/engines.sql). Each column text,
    an empty field NULL, as the contract's read gives it.
-#}
{% macro export_rows_reader() -%}
    {%- if raw_shape_name() == 'contract' -%}
        {#- No such export: no rows (the model and its unit tests still exist). -#}
        (
            select
                {%- for column in export_row_columns() %}
                cast(null as {{ dbt.type_string() }}) as {{ column }}{{ ',' if not loop.last }}
                {%- endfor %}
            where 1 = 0
        )
    {%- elif target.type != 'duckdb' -%}
        {{ exceptions.raise_compiler_error(
            "raw_shape " ~ raw_shape_name() ~ ": on " ~ target.type ~ " only the contract's 16 columns are read "
            ~ "for now; convert the export with make build on DuckDB, or write it in the contract's columns"
        ) }}
    {%- endif -%}
    {%- if raw_shape_name() != 'contract' -%}
    {%- set mapping = raw_shape_columns() -%}
    (
        select
            {%- for column in export_row_columns() %}
            {%- if column in mapping %}
            nullif(cast({{ adapter.quote(mapping[column]) }} as {{ dbt.type_string() }}), '') as {{ column }}
            {%- else %}
            cast(null as {{ dbt.type_string() }}) as {{ column }}
            {%- endif %}
            {{- ',' if not loop.last }}
            {%- endfor %}
        from {{ raw_export_reader(raw_export_paths()) }}
    )
    {%- endif -%}
{%- endmacro %}

{#- Whether a legal event's text (folded) is one of the three transfer forms: the list staging's
    legal_event_kind uses (SPEC §3), for the history shape, where only transfer blocks become records. -#}
{% macro is_transfer_event(expr) -%}
    coalesce({{ expr }} in ('专利权的转移', '专利申请权的转移', '专利申请权、专利权的转移'), false)
{%- endmacro %}
