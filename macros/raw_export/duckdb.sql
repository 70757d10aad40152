{#-
    raw_transfer_records(): the relation staging reads the raw export from.
    var('raw_path') empty (the default): the bundled synthetic seed `raw_transfer_records`.
    var('raw_path') set: the user's CSV file(s) (read_csv: header row, comma-separated, UTF-8, every column
    varchar, an empty field NULL) or Parquet file(s) (when every path ends in .parquet; read into the same
    shape: the 16 contract columns as text, '' as NULL). raw_path is a path, a glob, or a list of
    paths (python/gba_tech_transfer/build.py passes a list). Staging casts and parses every column.
    skip = 0 and strict_mode: a ragged row is an error, never silently dropped (left to itself, DuckDB's
    sniffer may take a ragged file's last consistent row for the header and skip everything above it).
    python/gba_tech_transfer/validate.py reads the files with the same options (CSV_OPTIONS) before dbt runs.
-#}
{% macro raw_transfer_records() -%}
    {#- PostgreSQL, Spark: an external table over the export (macros/engines/raw_export.sql). -#}
    {%- if target.type != 'duckdb' -%}{{ return(engine_raw_transfer_records()) }}{%- endif -%}
    {%- set paths = raw_export_paths() -%}
    {%- if paths | length == 0 -%}
        {{ ref('raw_transfer_records') }}
    {%- else -%}
        {{ raw_export_reader(paths) }}
    {%- endif -%}
{%- endmacro %}

{#- raw_export_paths(): var('raw_path') as a list of paths or globs ([] when unset). -#}
{% macro raw_export_paths() -%}
    {%- set raw_path = var('raw_path', '') -%}
    {%- if raw_path is string -%}
        {{ return([raw_path | trim] if raw_path | trim != '' else []) }}
    {%- else -%}
        {{ return(raw_path | map('string') | list) }}
    {%- endif -%}
{%- endmacro %}

{#-
    raw_export_reader(paths, shaped=true): the DuckDB table function reading those files (Parquet when all are
    .parquet); shaped=false reads Parquet as it is (the column check needs its own column names).
-#}
{% macro raw_export_reader(paths, shaped=true) -%}
    {%- set quoted = [] -%}
    {%- set ns = namespace(all_parquet=true) -%}
    {%- for path in paths -%}
        {%- do quoted.append("'" ~ (path | string | replace("'", "''")) ~ "'") -%}
        {%- if not (path | string | lower).endswith('.parquet') -%}
            {%- set ns.all_parquet = false -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set files = '[' ~ (quoted | join(', ')) ~ ']' -%}
    {%- if ns.all_parquet and not shaped -%}
        read_parquet({{ files }}, union_by_name = true)
    {%- elif ns.all_parquet -%}
        {#- Shaped like the CSV read: every contract column text, an empty value NULL (read_csv's reading of an
            empty field), so a Parquet export gives the same marts as the same rows in CSV. -#}
        (
            select
                {%- for column in raw_export_columns() %}
                nullif(cast({{ adapter.quote(column) }} as varchar), '') as {{ adapter.quote(column) }}
                {{- ',' if not loop.last }}
                {%- endfor %}
            from read_parquet({{ files }}, union_by_name = true)
        )
    {%- else -%}
        read_csv(
            {{ files }},
            header = true,
            all_varchar = true,
            delim = ',',
            quote = '"',
            escape = '"',
            skip = 0,
            strict_mode = true,
            null_padding = false,
            union_by_name = true
        )
    {%- endif -%}
{%- endmacro %}

{#- The raw contract's columns, in order (SPEC §2; validate.RAW_COLUMNS holds the same list). -#}
{% macro raw_export_columns() -%}
    {{ return([
        'record_id', 'application_no', 'publication_no', 'patent_type', 'title', 'application_date',
        'grant_date', 'ipc_main', 'ipc_all', 'legal_event', 'effective_date', 'assignors', 'assignor_address',
        'assignees', 'assignee_address', 'pct_application_no',
    ]) }}
{%- endmacro %}

{#-
    check_raw_export(): on-run-start hook. When var raw_path is set, stop the run before any model builds if
    a path matches no file, a file lacks a contract column or has one too many, or a record_id is empty or
    repeated; the error names the file and the column (or the ids). `make build RAW=…` checks all this, and
    the encoding, in python/gba_tech_transfer/validate.py first; this hook covers a plain
    `dbt build --vars '{raw_path: …}'`. Returns no SQL.
-#}
{% macro check_raw_export() -%}
    {%- if target.type != 'duckdb' -%}{{ return(engine_check_raw_export()) }}{%- endif -%}
    {%- set paths = raw_export_paths() if execute else [] -%}
    {%- set all_files = [] -%}
    {%- for path in paths -%}
        {%- set matched = run_query("select file from glob('" ~ (path | replace("'", "''")) ~ "') order by file") -%}
        {%- if matched.rows | length == 0 -%}
            {{ exceptions.raise_compiler_error("raw_path " ~ path ~ ": no file matches") }}
        {%- endif -%}
        {%- for file in matched.columns[0].values() -%}
            {%- do all_files.append(file) -%}
            {%- set described = run_query("describe select * from " ~ raw_export_reader([file], shaped=false)) -%}
            {%- if raw_shape_name() == 'contract' -%}
                {%- do _check_raw_columns(file, described.columns[0].values() | list) -%}
            {%- else -%}
                {%- do _check_shaped_columns(file, described.columns[0].values() | list) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {#- build.py passes raw_validated after validate.py read every record_id: one scan of a big export is enough -#}
    {%- if all_files and not var('raw_validated', false) and raw_shape_name() == 'contract' -%}
        {%- do _check_raw_record_ids(raw_export_reader(all_files), all_files) -%}
    {%- endif -%}
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

{#- Another shape (var raw_shape, macros/raw_export_shapes.sql): every header the mapping names is in the file. -#}
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
