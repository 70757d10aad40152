{#-
    The raw export on PostgreSQL and Spark, read where it lies as an external table (the way a cluster reads
    it), never copied in through `dbt seed`. raw_transfer_records() and check_raw_export() (macros/
    raw_transfer_records.sql) hand over to these two on any engine but DuckDB.

    engine_check_raw_export(): the on-run-start hook's work. Maps the export's file(s) as external tables
    in schema `raw`, one per file (or glob), with the columns in the file's own header order, and the view
    raw.raw_transfer_records over them: the 16 contract columns by name, text, an empty field NULL (as
    DuckDB's read_csv gives it). Stops the run, naming the file, when a file is missing, lacks a contract
    column or has one too many, or when a record_id is empty or repeated (the checks DuckDB's hook makes).
      PostgreSQL: file_fdw foreign tables. The server reads the file, so the path must be absolute and
        readable by the server's user (a glob may only use * and ? in the file name); CSV only.
      Spark: CSV (RFC 4180: quotes doubled, quoted line breaks) or Parquet data-source tables on the path
        or glob, any path the cluster reads (file:, hdfs://, s3a://). With var raw_path unset, the bundled
        export's CSV (seeds/raw/raw_transfer_records.csv) is read in place the same way.
    engine_raw_transfer_records(): the relation staging reads: raw.raw_transfer_records, or on PostgreSQL
    with raw_path unset the seed, as on DuckDB.
-#}

{% macro engine_raw_transfer_records() -%}
    {{ return(adapter.dispatch('engine_raw_transfer_records', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro engine_check_raw_export() -%}
    {{ return(adapter.dispatch('engine_check_raw_export', 'gba_tech_transfer')()) }}
{%- endmacro %}

{#- DuckDB reads the export in raw_transfer_records() itself; another engine needs its own implementation. -#}
{% macro default__engine_raw_transfer_records() -%}
    {{ exceptions.raise_compiler_error("the raw export has no reader on " ~ target.type) }}
{%- endmacro %}

{% macro default__engine_check_raw_export() -%}
    {{ exceptions.raise_compiler_error("the raw export has no reader on " ~ target.type) }}
{%- endmacro %}

{% macro postgres__engine_raw_transfer_records() -%}
    {%- if raw_export_paths() | length == 0 -%}
        {{ return(ref('raw_transfer_records')) }}
    {%- endif -%}
    {{ return(api.Relation.create(database=target.database, schema='raw', identifier='raw_transfer_records')) }}
{%- endmacro %}

{% macro spark__engine_raw_transfer_records() -%}
    {{ return(api.Relation.create(schema='raw', identifier='raw_transfer_records')) }}
{%- endmacro %}

{#- The bundled export's CSV, for Spark with raw_path unset (relative to the project directory). -#}
{% macro bundled_raw_export_path() -%}
    {%- set project_dir = flags.PROJECT_DIR if flags.PROJECT_DIR else '.' -%}
    {{ return((project_dir | string).rstrip('/') ~ '/seeds/raw/raw_transfer_records.csv') }}
{%- endmacro %}

{#- The view over the external tables (both engines); the column and record_id checks are in
    macros/raw_transfer_records.sql, shared with DuckDB. -#}
{% macro _raw_export_view(sources) -%}
    {%- set selects = [] -%}
    {%- for source in sources -%}
        {%- set columns = [] -%}
        {%- for column in raw_export_columns() -%}
            {%- do columns.append(
                "nullif(cast(" ~ adapter.quote(column) ~ " as " ~ dbt.type_string() ~ "), '') as " ~ adapter.quote(column)
            ) -%}
        {%- endfor -%}
        {%- do selects.append("select " ~ (columns | join(", ")) ~ " from " ~ source) -%}
    {%- endfor -%}
    {{ return(selects | join("\nunion all\n")) }}
{%- endmacro %}

{% macro postgres__engine_check_raw_export() -%}
    {%- set paths = raw_export_paths() if execute else [] -%}
    {%- if paths | length == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set files = [] -%}
    {%- for path in paths -%}
        {%- if path.lower().endswith('.parquet') -%}
            {{ exceptions.raise_compiler_error(
                "raw_path " ~ path ~ ": PostgreSQL reads CSV exports only (file_fdw); convert the Parquet file to CSV"
            ) }}
        {%- endif -%}
        {%- if not path.startswith('/') -%}
            {{ exceptions.raise_compiler_error(
                "raw_path " ~ path ~ ": the PostgreSQL server reads the file itself, so give an absolute path"
            ) }}
        {%- endif -%}
        {%- set directory, name = path.rsplit('/', 1) -%}
        {%- set pattern = '^' ~ (modules.re.escape(name) | replace('\\*', '.*') | replace('\\?', '.')) ~ '$' -%}
        {%- set matched = run_query(
            "select " ~ string_literal((directory or '') ~ '/') ~ " || name from pg_ls_dir("
            ~ string_literal(directory or '/') ~ ", true, false) as listing (name) where name ~ "
            ~ string_literal(pattern) ~ " order by name"
        ) -%}
        {%- if matched.rows | length == 0 -%}
            {{ exceptions.raise_compiler_error("raw_path " ~ path ~ ": no file matches") }}
        {%- endif -%}
        {%- do files.extend(matched.columns[0].values()) -%}
    {%- endfor -%}
    {%- call statement('raw_export_schema') -%}
        create extension if not exists file_fdw;
        drop server if exists gba_raw_export cascade;
        create server gba_raw_export foreign data wrapper file_fdw;
        drop schema if exists raw cascade;
        create schema raw;
    {%- endcall -%}
    {%- set sources = [] -%}
    {%- for file in files -%}
        {#- The header line, read as bytes (a cut through a multi-byte character would not decode). -#}
        {%- set first_line = run_query(
            "select convert_from(case when position('\\x0a'::bytea in head) = 0 then head "
            ~ "else substring(head from 1 for position('\\x0a'::bytea in head) - 1) end, 'UTF8') "
            ~ "from (select pg_read_binary_file(" ~ string_literal(file) ~ ", 0, 65536) as head) as file_head"
        ).columns[0].values()[0] -%}
        {%- set header = [] -%}
        {%- for name in first_line.split(',') -%}
            {%- do header.append(name | replace('\ufeff', '') | replace('\r', '') | trim | replace('"', '')) -%}
        {%- endfor -%}
        {%- do _check_raw_columns(file, header) -%}
        {%- set source = 'raw.raw_export_file_' ~ loop.index -%}
        {%- set column_list = [] -%}
        {%- for name in header -%}
            {%- do column_list.append(adapter.quote(name | lower) ~ ' text') -%}
        {%- endfor -%}
        {%- call statement('raw_export_file') -%}
            create foreign table {{ source }} ({{ column_list | join(', ') }})
            server gba_raw_export
            options (filename {{ string_literal(file) }}, format 'csv', header 'true', encoding 'UTF8')
        {%- endcall -%}
        {%- do sources.append(source) -%}
    {%- endfor -%}
    {%- call statement('raw_export_view') -%}
        create view raw.raw_transfer_records as
        {{ _raw_export_view(sources) }}
    {%- endcall -%}
    {%- do _check_raw_record_ids('raw.raw_transfer_records', files) -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__engine_check_raw_export() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set paths = raw_export_paths() or [bundled_raw_export_path()] -%}
    {%- call statement('raw_export_schema') -%}
        create database if not exists raw
    {%- endcall -%}
    {%- set sources = [] -%}
    {%- for path in paths -%}
        {%- set source = 'raw.raw_export_file_' ~ loop.index -%}
        {%- call statement('raw_export_drop') -%}
            drop table if exists {{ source }}
        {%- endcall -%}
        {%- if path.lower().endswith('.parquet') -%}
            {%- call statement('raw_export_file') -%}
                create table {{ source }} using parquet options (path {{ string_literal(path) }})
            {%- endcall -%}
            {%- set found = run_query('select * from ' ~ source ~ ' limit 0').column_names -%}
        {%- else -%}
            {%- set csv_options -%}
                path {{ string_literal(path) }}, header 'true', multiLine 'true', quote '"', escape '"',
                mode 'FAILFAST', encoding 'UTF-8'
            {%- endset -%}
            {%- call statement('raw_export_header') -%}
                create or replace temporary view raw_export_header using csv options ({{ csv_options }})
            {%- endcall -%}
            {%- set found = run_query('select * from raw_export_header limit 0').column_names -%}
            {%- if '://' not in path and not path.startswith('/') -%}
                {#- A table's relative path would not resolve against the working directory, as the view's
                    did: take the directory of a file the view read (qualified), keep the file name (or glob). -#}
                {%- set read = run_query('select input_file_name() from raw_export_header limit 1').columns[0].values() -%}
                {%- if read | length == 0 -%}
                    {{ exceptions.raise_compiler_error("raw_path " ~ path ~ ": no rows read; give an absolute path") }}
                {%- endif -%}
                {%- set path = read[0].rsplit('/', 1)[0] ~ '/' ~ path.rsplit('/', 1)[-1] -%}
                {%- set csv_options -%}
                    path {{ string_literal(path) }}, header 'true', multiLine 'true', quote '"', escape '"',
                    mode 'FAILFAST', encoding 'UTF-8'
                {%- endset -%}
            {%- endif -%}
            {%- set column_list = [] -%}
            {%- for name in found -%}
                {%- do column_list.append(adapter.quote(name | lower) ~ ' string') -%}
            {%- endfor -%}
            {%- call statement('raw_export_file') -%}
                create table {{ source }} ({{ column_list | join(', ') }}) using csv options ({{ csv_options }})
            {%- endcall -%}
        {%- endif -%}
        {%- do _check_raw_columns(path, found) -%}
        {%- do sources.append(source) -%}
    {%- endfor -%}
    {%- call statement('raw_export_view') -%}
        create or replace view raw.raw_transfer_records as
        {{ _raw_export_view(sources) }}
    {%- endcall -%}
    {%- do _check_raw_record_ids('raw.raw_transfer_records', paths) -%}
    {{ return('') }}
{%- endmacro %}
