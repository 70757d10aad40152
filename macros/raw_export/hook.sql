{#-
    check_raw_export(): the on-run-start hook. With var raw_path set (the user's export), it checks the files and
    creates them as the source relation raw.raw_transfer_records (_cnipa__sources.yml) before any model builds,
    one macro per engine: DuckDB a view over read_csv / read_parquet (macros/raw_export/duckdb.sql),
    PostgreSQL file_fdw foreign tables and a view, Spark external tables and a view (engines.sql). It stops the
    run, naming the file and the column (or the ids), when a path matches no file, a file lacks a contract
    column or has one too many, or a record_id is empty or repeated. `make build RAW=…` checks all this, and
    the encoding, in python/gba_tech_transfer first; the hook covers a plain `dbt build --vars '{raw_path: …}'`.
    With raw_path unset the source is the bundled seed (Spark: the bundled CSV, mapped the same way). Returns
    no SQL.

    drop_raw_export_view(): the on-run-end hook. On DuckDB, drops the view over the user's files again
    (duckdb.sql says why); the other engines keep their tables over the export.
-#}
{% macro check_raw_export() -%}
    {{ return(adapter.dispatch('check_raw_export', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__check_raw_export() -%}
    {{ exceptions.raise_compiler_error("the raw export has no reader on " ~ target.type) }}
{%- endmacro %}

{% macro drop_raw_export_view() -%}
    {{ return(adapter.dispatch('drop_raw_export_view', 'gba_tech_transfer')()) }}
{%- endmacro %}

{% macro default__drop_raw_export_view() -%}
    {{ return('') }}
{%- endmacro %}

{#- The checks every engine's hook makes: a file's columns are the contract's; no record_id empty or repeated. -#}
{% macro _check_raw_columns(file, found) -%}
    {%- set expected = raw_export_columns() -%}
    {%- set found = found | map('lower') | list -%}
    {%- set missing = expected | reject('in', found) | list -%}
    {%- set extra = found | reject('in', expected) | list -%}
    {%- if missing or extra -%}
        {{ exceptions.raise_compiler_error(
            "raw_path " ~ file ~ ": "
            ~ ("missing column(s) " ~ (missing | join(', ')) if missing else "")
            ~ ("; " if missing and extra else "")
            ~ ("unexpected column(s) " ~ (extra | join(', ')) if extra else "")
            ~ "; expected the columns " ~ (expected | join(','))
        ) }}
    {%- endif -%}
{%- endmacro %}

{#- Another shape (var raw_shape, macros/raw_export/shapes.sql): every header the mapping names is in the file. -#}
{% macro _check_shaped_columns(file, found) -%}
    {%- set missing = raw_shape_columns().values() | reject('in', found) | list -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            "raw_path " ~ file ~ ": no column named " ~ (missing | join(', ')) ~ " (var raw_shape "
            ~ raw_shape_name() ~ " maps it); the files of one export share one header row"
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro _check_raw_record_ids(relation, files) -%}
    {%- set repeated = run_query(
        "select coalesce(record_id, '') as record_id, row_count from ("
        ~ "select record_id, count(*) as row_count from " ~ relation ~ " group by record_id"
        ~ ") as counted where row_count > 1 or coalesce(trim(record_id), '') = '' "
        ~ "order by row_count desc, record_id limit 5"
    ) -%}
    {%- if repeated.rows | length > 0 -%}
        {%- set listed = [] -%}
        {%- for row in repeated.rows -%}
            {%- do listed.append("'" ~ row[0] ~ "' (" ~ row[1] ~ " rows)") -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "raw_path " ~ (files | join(', ')) ~ ": empty or duplicate record_id: " ~ (listed | join(', '))
            ~ "; record_id must be present and unique per row"
        ) }}
    {%- endif -%}
{%- endmacro %}
