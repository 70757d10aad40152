{#-
    The user's export on DuckDB (var raw_path set): the source relation raw.raw_transfer_records is a view over
    the file(s), created by the on-run-start hook (check_raw_export(), macros/raw_export/hook.sql) before any
    model builds, and dropped by the on-run-end hook: staging copies the records into its own table, and the
    warehouse file keeps no view over files that may be gone (make build reads an export it had to convert
    from a temporary UTF-8 copy). raw_path is a path, a glob, or a list of them (make build passes a list).
      CSV: read_csv with the contract's read options (config.meta.read_csv of the source): a header row,
        comma-separated, RFC 4180 quoting, every column text, an empty field NULL; a ragged row is an error.
      Parquet (when every path ends in .parquet): read into the same shape, every contract column text and
        an empty value NULL, so a Parquet export gives the same marts as the same rows in CSV.
    python/gba_tech_transfer's validation reads the files with the same options before make build runs dbt.
-#}

{#- raw_export_is_parquet(paths): whether the export is Parquet (every path ends in .parquet), else CSV. -#}
{% macro raw_export_is_parquet(paths) -%}
    {%- for path in paths if not (path | string | lower).endswith('.parquet') -%}
        {{ return(false) }}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}

{#-
    raw_export_reader(paths): the DuckDB table function reading those files as they are: read_parquet, or
    read_csv with the contract's read options. The other export shapes read it too (macros/raw_export/shapes.sql).
-#}
{% macro raw_export_reader(paths) -%}
    {%- set files = [] -%}
    {%- for path in paths -%}
        {%- do files.append(string_literal(path | string)) -%}
    {%- endfor -%}
    {%- if raw_export_is_parquet(paths) -%}
        read_parquet([{{ files | join(', ') }}], union_by_name = true)
    {%- else -%}
        read_csv([{{ files | join(', ') }}], {{ raw_export_read_csv_options() }})
    {%- endif -%}
{%- endmacro %}

{#- raw_export_select(paths): the export in the contract's columns, in order, each text, an empty value NULL. -#}
{% macro raw_export_select(paths) -%}
    select
        {%- for column in raw_export_columns() %}
        {%- if raw_export_is_parquet(paths) %}
        nullif(cast({{ adapter.quote(column) }} as varchar), '') as {{ adapter.quote(column) }}
        {%- else %}
        {{ adapter.quote(column) }}
        {%- endif %}
        {{- ',' if not loop.last }}
        {%- endfor %}
    from {{ raw_export_reader(paths) }} as export_files
{%- endmacro %}

{% macro duckdb__check_raw_export() -%}
    {%- set paths = raw_export_paths() if execute else [] -%}
    {%- if paths | length == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set files = [] -%}
    {%- for path in paths -%}
        {%- set matched = run_query("select file from glob(" ~ string_literal(path) ~ ") order by file") -%}
        {%- if matched.rows | length == 0 -%}
            {{ exceptions.raise_compiler_error("raw_path " ~ path ~ ": no file matches") }}
        {%- endif -%}
        {%- for file in matched.columns[0].values() -%}
            {%- do files.append(file) -%}
            {%- set described = run_query("describe select * from " ~ raw_export_reader([file])) -%}
            {%- if raw_shape_name() == 'contract' -%}
                {%- do _check_raw_columns(file, described.columns[0].values() | list) -%}
            {%- else -%}
                {%- do _check_shaped_columns(file, described.columns[0].values() | list) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {#- Another shape is read by stg_cnipa__export_rows itself, inline (macros/raw_export/shapes.sql). -#}
    {%- if raw_shape_name() != 'contract' -%}
        {{ return('') }}
    {%- endif -%}
    {#- make build passes raw_validated once its validation read every record_id: one scan of a big export is enough. -#}
    {%- if not var('raw_validated', false) -%}
        {%- do _check_raw_record_ids('(' ~ raw_export_select(files) ~ ')', files) -%}
    {%- endif -%}
    {%- set relation = raw_export_relation() -%}
    {%- do adapter.create_schema(relation) -%}
    {#- A warehouse built from the bundled seed holds it under the same name: a table, which a view cannot replace. -#}
    {%- set existing = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
    {%- if existing is not none and not existing.is_view -%}
        {%- do adapter.drop_relation(existing) -%}
    {%- endif -%}
    {%- call statement('raw_export_view') -%}
        create or replace view {{ relation }} as
        {{ raw_export_select(paths) }}
    {%- endcall -%}
    {#- Committed here: the hook's queries run in a transaction dbt would otherwise roll back. -#}
    {%- do adapter.commit() -%}
    {%- do adapter.cache_added(relation.incorporate(type='view')) -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__drop_raw_export_view() -%}
    {%- if execute and raw_export_paths() | length > 0 -%}
        {%- set relation = raw_export_relation() -%}
        {%- set existing = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- if existing is not none and existing.is_view -%}
            {%- do adapter.drop_relation(existing) -%}
            {#- The schema too, when the view was all it held (as in a warehouse built from the user's export). -#}
            {%- set left = run_query(
                "select count(*) from information_schema.tables where table_catalog = " ~ string_literal(relation.database)
                ~ " and table_schema = " ~ string_literal(relation.schema)
            ).columns[0].values()[0] -%}
            {%- if left == 0 -%}
                {%- call statement('raw_export_schema') -%}
                    drop schema if exists {{ relation.without_identifier() }}
                {%- endcall -%}
            {%- endif -%}
            {%- do adapter.commit() -%}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
