{#-
    The user's export on PostgreSQL and Spark (the hook check_raw_export(), macros/raw_export/hook.sql): read
    where it lies as external tables (the way a cluster reads it), never copied in through `dbt seed`. Each
    file (or glob) is a table in the source's schema `raw`, with the columns in the file's own header order,
    and the source relation raw.raw_transfer_records is a view over them: the contract's columns by name,
    text, an empty field NULL (as DuckDB's read_csv gives it). The CSV dialect (header, delimiter, quote,
    escape) is the contract's (raw_export_csv_dialect()); the rest is each engine's way to read it strictly.
      PostgreSQL: file_fdw foreign tables. The server reads the file, so the path must be absolute and
        readable by the server's user (a glob may only use * and ? in the file name); CSV only. With var
        raw_path unset the source is the bundled seed, as on DuckDB.
      Spark: CSV (RFC 4180: quotes doubled, quoted line breaks) or Parquet data-source tables on the path
        or glob, any path the cluster reads (file:, hdfs://, s3a://). With var raw_path unset, the bundled
        export's CSV (seeds/raw/raw_transfer_records.csv) is read in place the same way (no seed on Spark).
-#}

{#- raw_export_csv_dialect(): the contract's header, delimiter, quote and escape (config.meta.read_csv). -#}
{% macro raw_export_csv_dialect() -%}
    {%- set node = raw_export_source_node() -%}
    {%- set read_csv = (node.config.meta.read_csv if node else none) or {} -%}
    {{ return({
        'header': read_csv.get('header', true),
        'delimiter': read_csv.get('delim', ','),
        'quote': read_csv.get('quote', '"'),
        'escape': read_csv.get('escape', '"'),
    }) }}
{%- endmacro %}

{#- The bundled export's CSV, for Spark with raw_path unset (relative to the project directory). -#}
{% macro bundled_raw_export_path() -%}
    {%- set project_dir = flags.PROJECT_DIR if flags.PROJECT_DIR else '.' -%}
    {{ return((project_dir | string).rstrip('/') ~ '/seeds/raw/raw_transfer_records.csv') }}
{%- endmacro %}

{#- The view over the external tables (both engines). -#}
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

{% macro postgres__check_raw_export() -%}
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
    {%- set relation = raw_export_relation() -%}
    {%- set dialect = raw_export_csv_dialect() -%}
    {%- call statement('raw_export_schema') -%}
        create extension if not exists file_fdw;
        drop server if exists gba_raw_export cascade;
        create server gba_raw_export foreign data wrapper file_fdw;
        drop schema if exists {{ relation.schema }} cascade;
        create schema {{ relation.schema }};
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
        {%- for name in first_line.split(dialect.delimiter) -%}
            {%- do header.append(name | replace('\ufeff', '') | replace('\r', '') | trim | replace(dialect.quote, '')) -%}
        {%- endfor -%}
        {%- do _check_raw_columns(file, header) -%}
        {%- set source = relation.schema ~ '.raw_export_file_' ~ loop.index -%}
        {%- set column_list = [] -%}
        {%- for name in header -%}
            {%- do column_list.append(adapter.quote(name | lower) ~ ' text') -%}
        {%- endfor -%}
        {%- call statement('raw_export_file') -%}
            create foreign table {{ source }} ({{ column_list | join(', ') }})
            server gba_raw_export
            options (
                filename {{ string_literal(file) }}, format 'csv', header {{ string_literal(dialect.header | string | lower) }},
                delimiter {{ string_literal(dialect.delimiter) }}, quote {{ string_literal(dialect.quote) }},
                escape {{ string_literal(dialect.escape) }}, encoding 'UTF8'
            )
        {%- endcall -%}
        {%- do sources.append(source) -%}
    {%- endfor -%}
    {%- call statement('raw_export_view') -%}
        create view {{ relation }} as
        {{ _raw_export_view(sources) }}
    {%- endcall -%}
    {%- do _check_raw_record_ids(relation, files) -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__check_raw_export() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set paths = raw_export_paths() or [bundled_raw_export_path()] -%}
    {%- set relation = raw_export_relation() -%}
    {%- call statement('raw_export_schema') -%}
        create database if not exists {{ relation.schema }}
    {%- endcall -%}
    {%- set sources = [] -%}
    {%- for path in paths -%}
        {%- set source = relation.schema ~ '.raw_export_file_' ~ loop.index -%}
        {%- call statement('raw_export_drop') -%}
            drop table if exists {{ source }}
        {%- endcall -%}
        {%- if path.lower().endswith('.parquet') -%}
            {%- call statement('raw_export_file') -%}
                create table {{ source }} using parquet options (path {{ string_literal(path) }})
            {%- endcall -%}
            {%- set found = run_query('select * from ' ~ source ~ ' limit 0').column_names -%}
        {%- else -%}
            {%- set csv_options = _spark_csv_options(path) -%}
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
                {%- set csv_options = _spark_csv_options(path) -%}
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
        create or replace view {{ relation }} as
        {{ _raw_export_view(sources) }}
    {%- endcall -%}
    {%- do _check_raw_record_ids(relation, paths) -%}
    {{ return('') }}
{%- endmacro %}

{#- Spark's CSV data source on `path`, in the contract's dialect: multiLine for quoted line breaks, FAILFAST so
    a malformed row is an error (DuckDB's strict_mode), never dropped or padded. -#}
{% macro _spark_csv_options(path) -%}
    {%- set dialect = raw_export_csv_dialect() -%}
    {{ return(
        "path " ~ string_literal(path) ~ ", header " ~ string_literal(dialect.header | string | lower)
        ~ ", sep " ~ string_literal(dialect.delimiter) ~ ", quote " ~ string_literal(dialect.quote)
        ~ ", escape " ~ string_literal(dialect.escape) ~ ", multiLine 'true', mode 'FAILFAST', encoding 'UTF-8'"
    ) }}
{%- endmacro %}
