{#-
    Landing (docs/architecture.md#landing): the only writes to schema raw. A load is one or more files landed
    together; each file's rows go, every cell as text exactly as written, into one of two tables, with their
    provenance (_load_id, _file_name, _file_sha256, _sheet, _row_number, _loaded_at):
      raw.contract_rows  files in the contract's 16 columns, one column each;
      raw.export_rows    files whose header names the columns as patent databases do, the cells as a list in
                         the file's column order (the header is the file's row of raw.load_manifest, and
                         staging maps it through ref_raw_header_aliases, so an alias added later reaches old
                         loads too).
    raw.load_manifest has one row per file of every load. The files reaching these macros have been checked
    and decoded by the loader (python/gba_tech_transfer/pipeline/validate.py): UTF-8 CSV with a clean header, or
    Parquet. Each engine reads them with its own reader: DuckDB read_csv / read_parquet, PostgreSQL COPY (the
    server reads the file: an absolute path it can read), Spark's CSV or Parquet data source.

    create_landing_tables(register_bundled=true): the on-run-start hook: the three tables when missing, and, in
        a warehouse that was never given a file (an empty manifest), the bundled seed registered as load 1, so
        that a plain `dbt build` builds the bundled export. Every landing starts with it too, without that.
    land_load(files, loaded_at): run-operation; lands `files` (a list of {path, file_name, file_sha256,
        sheet, encoding, shape, header}) as the next load. A file whose hash is already in an active load is
        skipped and said so; when every file is, no load is made.
    land_loads(loads): run-operation; several loads, each as land_load lands it, in one dbt invocation.
    set_load_active(load_id, is_active): run-operation behind make withdraw / make restore.
-#}

{% macro landing_schema() -%}
    {{ return(api.Relation.create(database=target.database if target.type != 'spark' else none, schema='raw')) }}
{%- endmacro %}

{% macro landing_relation(name) -%}
    {{ return(api.Relation.create(
        database=target.database if target.type != 'spark' else none, schema='raw', identifier=name
    )) }}
{%- endmacro %}

{#- type_string_list(): a list of text, as each engine spells it. -#}
{% macro type_string_list() -%}
    {{ return(adapter.dispatch('type_string_list', 'gba_tech_transfer')()) }}
{%- endmacro %}
{% macro default__type_string_list() %}varchar[]{% endmacro %}
{% macro postgres__type_string_list() %}text[]{% endmacro %}
{% macro spark__type_string_list() %}array<string>{% endmacro %}

{#- string_list_literal(values): a list of text literals. -#}
{% macro string_list_literal(values) -%}
    {%- set items = [] -%}
    {%- for value in values -%}
        {%- do items.append(string_literal(value)) -%}
    {%- endfor -%}
    {%- if target.type == 'postgres' -%}
        {{ return('array[' ~ (items | join(', ')) ~ ']::text[]') }}
    {%- elif target.type == 'spark' -%}
        {{ return('array(' ~ (items | join(', ')) ~ ')') }}
    {%- else -%}
        {{ return('[' ~ (items | join(', ')) ~ ']::varchar[]') }}
    {%- endif -%}
{%- endmacro %}

{#- string_list_of(expressions): a list built from text expressions. -#}
{% macro string_list_of(expressions) -%}
    {%- if target.type == 'postgres' -%}
        {{ return('array[' ~ (expressions | join(', ')) ~ ']::text[]') }}
    {%- elif target.type == 'spark' -%}
        {{ return('array(' ~ (expressions | join(', ')) ~ ')') }}
    {%- else -%}
        {{ return('[' ~ (expressions | join(', ')) ~ ']::varchar[]') }}
    {%- endif -%}
{%- endmacro %}

{% macro _landing_table_options() -%}
    {{ return('using parquet' if target.type == 'spark' else '') }}
{%- endmacro %}

{% macro create_landing_tables(register_bundled=true) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set provenance = [] -%}
    {%- for name, data_type in landing_provenance_columns().items() -%}
        {%- do provenance.append(name ~ ' ' ~ data_type) -%}
    {%- endfor -%}
    {%- set contract_columns = [] -%}
    {%- for column in raw_export_columns() -%}
        {%- do contract_columns.append(column ~ ' ' ~ text) -%}
    {%- endfor -%}
    {%- do adapter.create_schema(landing_schema()) -%}
    {#- One statement each: Spark runs one statement per call. -#}
    {%- call statement('landing_manifest') -%}
        create table if not exists {{ landing_relation('load_manifest') }} (
            load_id integer,
            file_name {{ text }},
            file_sha256 {{ text }},
            sheet {{ text }},
            file_encoding {{ text }},
            shape {{ text }},
            header {{ type_string_list() }},
            landing_table {{ text }},
            row_count bigint,
            loaded_at {{ dbt.type_timestamp() }},
            is_active boolean
        ) {{ _landing_table_options() }}
    {%- endcall -%}
    {%- call statement('landing_contract_rows') -%}
        create table if not exists {{ landing_relation('contract_rows') }} (
            {{ (provenance + contract_columns) | join(', ') }}
        ) {{ _landing_table_options() }}
    {%- endcall -%}
    {%- call statement('landing_export_rows') -%}
        create table if not exists {{ landing_relation('export_rows') }} (
            {{ provenance | join(', ') }}, cells {{ type_string_list() }}
        ) {{ _landing_table_options() }}
    {%- endcall -%}
    {%- set landed = run_query('select count(*) from ' ~ landing_relation('load_manifest')).columns[0].values()[0] -%}
    {%- if register_bundled and landed == 0 -%}
        {%- call statement('register_bundled_seed') -%}
            insert into {{ landing_relation('load_manifest') }}
            select
                1, 'seeds/raw/raw_transfer_records.csv', {{ _bundled_seed_sha256() }}, cast(null as {{ text }}),
                'seed', 'contract', {{ string_list_literal(raw_export_columns()) }}, 'raw_transfer_records',
                cast(null as bigint), {{ dbt.current_timestamp() }}, true
        {%- endcall -%}
    {%- endif -%}
    {%- do adapter.commit() if target.type != 'spark' -%}
    {{ return('') }}
{%- endmacro %}

{#- The bundled seed's SHA-256 where the engine can read the file (DuckDB), so that landing the same CSV again
    is recognised; NULL elsewhere. -#}
{% macro _bundled_seed_sha256() -%}
    {%- if target.type == 'duckdb' -%}
        {%- set path = ((flags.PROJECT_DIR or '.') | string).rstrip('/') ~ '/seeds/raw/raw_transfer_records.csv' -%}
        {{ return('(select sha256(content) from read_blob(' ~ string_literal(path) ~ '))') }}
    {%- endif -%}
    {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
{%- endmacro %}

{% macro land_load(files, loaded_at) -%}
    {%- do create_landing_tables(register_bundled=false) -%}
    {%- set manifest = landing_relation('load_manifest') -%}
    {%- set load_id = run_query('select coalesce(max(load_id), 0) + 1 from ' ~ manifest).columns[0].values()[0] -%}
    {%- set landed = [] -%}
    {%- for file in files -%}
        {%- set earlier = run_query(
            'select min(load_id) from ' ~ manifest ~ ' where is_active and file_sha256 = ' ~ string_literal(file.file_sha256)
        ).columns[0].values()[0] -%}
        {%- if earlier is not none -%}
            {{ log('Already landed: ' ~ file.file_name ~ ' (sha256 ' ~ file.file_sha256[:12] ~ '…) is in load '
                ~ earlier ~ '; not landed again', info=True) }}
        {%- else -%}
            {%- set table = 'contract_rows' if file.shape == 'contract' else 'export_rows' -%}
            {%- set provenance -%}
                cast({{ load_id }} as integer),
                {{ string_literal(file.file_name) }},
                {{ string_literal(file.file_sha256) }},
                {{ string_literal(file.sheet) if file.sheet else 'cast(null as ' ~ dbt.type_string() ~ ')' }},
            {%- endset -%}
            {%- set loaded_at_sql = 'cast(' ~ string_literal(loaded_at) ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
            {%- do adapter.dispatch('land_file', 'gba_tech_transfer')(
                file, landing_relation(table), provenance, loaded_at_sql
            ) -%}
            {%- set row_count = run_query(
                'select count(*) from ' ~ landing_relation(table) ~ ' where _load_id = ' ~ load_id
                ~ ' and _file_name = ' ~ string_literal(file.file_name)
                ~ ' and coalesce(_sheet, \'\') = ' ~ string_literal(file.sheet or '')
            ).columns[0].values()[0] -%}
            {%- call statement('manifest_row') -%}
                insert into {{ manifest }}
                select
                    {{ provenance }}
                    {{ string_literal(file.encoding) }}, {{ string_literal(file.shape) }},
                    {{ string_list_literal(file.header) }}, {{ string_literal(table) }},
                    cast({{ row_count }} as bigint), {{ loaded_at_sql }}, true
            {%- endcall -%}
            {%- do landed.append(file.file_name ~ ' (' ~ row_count ~ ' rows, ' ~ file.shape ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do adapter.commit() if target.type != 'spark' -%}
    {%- if landed -%}
        {{ log('Landed load ' ~ load_id ~ ': ' ~ (landed | join(', ')), info=True) }}
    {%- else -%}
        {{ log('Nothing new to land: no load made', info=True) }}
    {%- endif -%}
{%- endmacro %}

{#- land_loads(loads): run-operation; each of `loads` (a list of {files, loaded_at}) landed as land_load lands it,
    one after the other, in one dbt invocation (the engine harness: a Spark session or a server connection is
    started once, not once per load). -#}
{% macro land_loads(loads) -%}
    {%- for load in loads -%}
        {%- do land_load(load.files, load.loaded_at) -%}
    {%- endfor -%}
{%- endmacro %}

{#- The file's cells as the table stores them: the contract's columns by name, or the list of every cell. -#}
{% macro _landed_cells(file, table, columns) -%}
    {%- if table.identifier == 'contract_rows' -%}
        {%- set values = [] -%}
        {%- for column in raw_export_columns() -%}
            {%- do values.append("nullif(cast(" ~ adapter.quote(column) ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- endfor -%}
        {{ return(values | join(', ')) }}
    {%- else -%}
        {%- set values = [] -%}
        {%- for column in columns -%}
            {%- do values.append("nullif(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- endfor -%}
        {{ return(string_list_of(values)) }}
    {%- endif -%}
{%- endmacro %}

{% macro _landed_column_list(table) -%}
    {%- set names = landing_provenance_columns().keys() | list -%}
    {{ return((names + (raw_export_columns() if table.identifier == 'contract_rows' else ['cells'])) | join(', ')) }}
{%- endmacro %}

{#- Positional names for a CSV read without its header (the header is in the manifest, as written). -#}
{% macro _positional_columns(file) -%}
    {%- set names = [] -%}
    {%- for header in file.header -%}
        {%- do names.append('c' ~ loop.index) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{% macro duckdb__land_file(file, table, provenance, loaded_at_sql) -%}
    {%- set is_parquet = file.encoding == 'parquet' -%}
    {%- if is_parquet -%}
        {%- set reader = 'read_parquet(' ~ string_literal(file.path) ~ ', file_row_number = true)' -%}
        {%- set row_number = 'file_row_number + 1' -%}
        {%- set columns = [] -%}
        {%- for header in file.header -%}
            {%- do columns.append(adapter.quote(header)) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set dialect = raw_export_csv_dialect() -%}
        {%- set columns = _positional_columns(file) -%}
        {%- set typed = [] -%}
        {%- for name in columns -%}
            {%- do typed.append(string_literal(name) ~ ": 'varchar'") -%}
        {%- endfor -%}
        {%- set reader -%}
            read_csv({{ string_literal(file.path) }}, header = false, skip = 1, columns = { {{- typed | join(', ') -}} },
                delim = {{ string_literal(dialect.delimiter) }}, quote = {{ string_literal(dialect.quote) }},
                escape = {{ string_literal(dialect.escape) }}, strict_mode = true, null_padding = false)
        {%- endset -%}
        {#- Numbered after the insert, from the rows' rowids (below): a row_number() over () here holds the whole
            file in one window (x100, three runs each: the landing takes 28-36 s with it, 26-29 s without). -#}
        {%- set row_number = 'cast(null as bigint)' -%}
    {%- endif -%}
    {%- if table.identifier == 'contract_rows' and not is_parquet -%}
        {#- A contract file's header is the contract's columns in order (validate.py): name them so. -#}
        {%- set renamed = [] -%}
        {%- for column in raw_export_columns() -%}
            {%- do renamed.append('c' ~ loop.index ~ ' as ' ~ column) -%}
        {%- endfor -%}
        {%- set reader = '(select *, ' ~ (renamed | join(', ')) ~ ' from ' ~ reader ~ ')' -%}
    {%- endif -%}
    {#- A CSV's rows are numbered from their rowids: with preserve_insertion_order on for the insert, DuckDB
        appends the file's rows in the file's order, one after the other (x100: checked row by row against the
        record_ids the generator numbers in order), so a row's number in the file is its rowid less the file's
        first rowid, plus one. The setting is put back as it was (the profile turns it off for the build). -#}
    {%- set preserve_order = run_query("select current_setting('preserve_insertion_order')").columns[0].values()[0] -%}
    {%- call statement('land_file') -%}
        set preserve_insertion_order = true;
        insert into {{ table }} ({{ _landed_column_list(table) }})
        select
            {{ provenance }}
            {{ row_number }},
            {{ loaded_at_sql }},
            {{ _landed_cells(file, table, columns) }}
        from {{ reader }} as landed_file;
        set preserve_insertion_order = {{ 'true' if preserve_order else 'false' }}
    {%- endcall -%}
    {%- if not is_parquet -%}
        {#- The insert is committed before the rows are numbered: an UPDATE of rows inserted in the same
            transaction makes the commit write the whole table to the write-ahead log, and the next checkpoint
            write it again (x100: 1.8 GB of log, the commit 7.7 s and the checkpoint 1.8 s, against 0.1 s for
            the two together once the rows are committed). Every command lands into a temporary copy of the
            warehouse (pipeline/publish.py), so a landing stopped between the two commits publishes nothing. -#}
        {%- do adapter.commit() -%}
        {#- The file's rows are the table's only ones without a number. -#}
        {%- call statement('number_landed_rows') -%}
            update {{ table }}
            set _row_number = rowid - (select min(rowid) from {{ table }} where _row_number is null) + 1
            where _row_number is null
        {%- endcall -%}
    {%- endif -%}
{%- endmacro %}

{% macro postgres__land_file(file, table, provenance, loaded_at_sql) -%}
    {%- if file.encoding == 'parquet' -%}
        {{ exceptions.raise_compiler_error(
            file.file_name ~ ": PostgreSQL lands CSV files only (COPY); convert the Parquet file to CSV"
        ) }}
    {%- endif -%}
    {%- set columns = _positional_columns(file) -%}
    {%- set dialect = raw_export_csv_dialect() -%}
    {%- set column_defs = [] -%}
    {%- for name in columns -%}
        {%- do column_defs.append(name ~ ' text') -%}
    {%- endfor -%}
    {%- if table.identifier == 'contract_rows' -%}
        {%- set renamed = [] -%}
        {%- for column in raw_export_columns() -%}
            {%- do renamed.append('c' ~ loop.index ~ ' as ' ~ column) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- call statement('land_file') -%}
        drop table if exists landed_file;
        {#- An identity column numbers the rows in the order COPY reads them: the file's. -#}
        create temporary table landed_file (
            landed_row_number bigint generated always as identity, {{ column_defs | join(', ') }}
        );
        copy landed_file ({{ columns | join(', ') }}) from {{ string_literal(file.path) }} with (
            format csv, header {{ dialect.header | string | lower }}, delimiter {{ string_literal(dialect.delimiter) }},
            quote {{ string_literal(dialect.quote) }}, escape {{ string_literal(dialect.escape) }}, encoding 'UTF8'
        );
        insert into {{ table }} ({{ _landed_column_list(table) }})
        select
            {{ provenance }}
            landed_row_number,
            {{ loaded_at_sql }},
            {{ _landed_cells(file, table, columns) }}
        from (
            select *{% if renamed %}, {{ renamed | join(', ') }}{% endif %} from landed_file
        ) as landed_file;
        drop table landed_file
    {%- endcall -%}
{%- endmacro %}

{% macro spark__land_file(file, table, provenance, loaded_at_sql) -%}
    {%- if file.encoding == 'parquet' -%}
        {%- call statement('landed_file_view') -%}
            create or replace temporary view landed_file using parquet options (path {{ string_literal(file.path) }})
        {%- endcall -%}
        {%- set columns = [] -%}
        {%- for header in file.header -%}
            {%- do columns.append(adapter.quote(header)) -%}
        {%- endfor -%}
        {%- set source = 'landed_file' -%}
    {%- else -%}
        {%- set dialect = raw_export_csv_dialect() -%}
        {%- set columns = _positional_columns(file) -%}
        {%- set schema = [] -%}
        {%- for name in columns -%}
            {%- do schema.append(name ~ ' string') -%}
        {%- endfor -%}
        {#- multiLine: quoted line breaks, and the file is read as one split, so monotonically_increasing_id()
            follows the file's order; FAILFAST: a malformed row is an error, never dropped or padded. -#}
        {%- call statement('landed_file_view') -%}
            create or replace temporary view landed_file ({{ schema | join(', ') }}) using csv options (
                path {{ string_literal(file.path) }}, header 'true', sep {{ string_literal(dialect.delimiter) }},
                quote {{ string_literal(dialect.quote) }}, escape {{ string_literal(dialect.escape) }},
                multiLine 'true', mode 'FAILFAST', encoding 'UTF-8'
            )
        {%- endcall -%}
        {%- set source = 'landed_file' -%}
        {%- if table.identifier == 'contract_rows' -%}
            {%- set renamed = [] -%}
            {%- for column in raw_export_columns() -%}
                {%- do renamed.append('c' ~ loop.index ~ ' as ' ~ column) -%}
            {%- endfor -%}
            {%- set source = '(select *, ' ~ (renamed | join(', ')) ~ ' from landed_file)' -%}
        {%- endif -%}
    {%- endif -%}
    {%- call statement('land_file') -%}
        insert into {{ table }} ({{ _landed_column_list(table) }})
        select
            {{ provenance }}
            row_number() over (order by landed_order),
            {{ loaded_at_sql }},
            {{ _landed_cells(file, table, columns) }}
        from (select *, monotonically_increasing_id() as landed_order from {{ source }} as numbered) as landed_file
    {%- endcall -%}
{%- endmacro %}

{% macro set_load_active(load_id, is_active) -%}
    {%- set manifest = landing_relation('load_manifest') -%}
    {%- set found = run_query('select count(*) from ' ~ manifest ~ ' where load_id = ' ~ (load_id | int)).columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ exceptions.raise_compiler_error("no load " ~ load_id ~ " in " ~ manifest ~ " (make loads lists them)") }}
    {%- endif -%}
    {%- if target.type == 'spark' -%}
        {#- Spark's Parquet tables have no UPDATE: the manifest is rewritten through a copy. -#}
        {%- call statement('set_load_active') -%}
            create or replace temporary view load_manifest_next as
            select * from {{ manifest }}
        {%- endcall -%}
        {%- call statement('set_load_active_cache') -%}
            cache table load_manifest_next
        {%- endcall -%}
        {%- call statement('set_load_active_write') -%}
            insert overwrite {{ manifest }}
            select
                load_id, file_name, file_sha256, sheet, file_encoding, shape, header, landing_table, row_count, loaded_at,
                case when load_id = {{ load_id | int }} then {{ 'true' if is_active else 'false' }} else is_active end
            from load_manifest_next
        {%- endcall -%}
    {%- else -%}
        {%- call statement('set_load_active') -%}
            update {{ manifest }} set is_active = {{ 'true' if is_active else 'false' }} where load_id = {{ load_id | int }}
        {%- endcall -%}
        {%- do adapter.commit() -%}
    {%- endif -%}
    {{ log(('Restored' if is_active else 'Withdrew') ~ ' load ' ~ load_id, info=True) }}
{%- endmacro %}
