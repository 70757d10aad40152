{#-
    Data types on every engine.

    The YAML names its types once, in DuckDB's words: model contracts' `data_type` and seeds' `column_types`
    say varchar, double, integer, bigint, boolean, date. PostgreSQL has no `double` and Spark no bare
    `varchar`, so engine_data_type(name) gives the engine's own name for the same type, and the shims below
    apply it wherever dbt itself reads those names:

      - the contract check (dbt's get_empty_schema_sql casts NULL to every YAML type through dbt.cast),
      - PostgreSQL's contract DDL (create table ... (column type, ...) before the insert),
      - the seed tables (create table ... and, on Spark, the casts in the insert).

    Models write their casts with dbt.type_string() (varchar on DuckDB, text on PostgreSQL, string on Spark)
    and type_double() below (there is no cross-database double in dbt: dbt.type_float() is DuckDB's 4-byte
    FLOAT); integer, bigint, boolean and date are the same words everywhere.

    The shims are the `postgres__` / `spark__` implementations of dbt's own dispatched macros; dbt finds them
    here first because the root project comes before the adapter packages in dispatch's search order.
    DuckDB is untouched: it has no implementation here and keeps dbt-duckdb's.
-#}

{#- engine_data_type(data_type): the engine's name for a type named in DuckDB's words. -#}
{% macro engine_data_type(data_type) -%}
    {{ return(adapter.dispatch('engine_data_type', 'gba_tech_transfer')(data_type)) }}
{%- endmacro %}

{% macro default__engine_data_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro postgres__engine_data_type(data_type) -%}
    {%- set names = {'double': 'double precision', 'varchar': 'text', 'string': 'text'} -%}
    {{ return(names.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}

{% macro spark__engine_data_type(data_type) -%}
    {%- set names = {'varchar': 'string', 'text': 'string', 'double precision': 'double'} -%}
    {{ return(names.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}

{#- type_double(): the 8-byte floating-point type (DuckDB/Spark double, PostgreSQL double precision). -#}
{% macro type_double() -%}
    {{ return(engine_data_type('double')) }}
{%- endmacro %}

{#- _with_engine_data_types(model): a copy of the node with its YAML types translated (columns, column_types). -#}
{% macro _with_engine_data_types(model) -%}
    {%- set columns = {} -%}
    {%- for name, column in model['columns'].items() -%}
        {%- set translated = column.copy() -%}
        {%- if column.get('data_type') -%}
            {%- do translated.update({'data_type': engine_data_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do columns.update({name: translated}) -%}
    {%- endfor -%}
    {%- set column_types = {} -%}
    {%- for name, data_type in model['config'].get('column_types', {}).items() -%}
        {%- do column_types.update({name: engine_data_type(data_type)}) -%}
    {%- endfor -%}
    {%- set config = model['config'].copy() -%}
    {%- do config.update({'column_types': column_types}) -%}
    {%- set copy = model.copy() -%}
    {%- do copy.update({'columns': columns, 'config': config}) -%}
    {{ return(copy) }}
{%- endmacro %}

{#- The contract check casts NULL to each YAML type. -#}
{% macro postgres__cast(field, type) -%}
    cast({{ field }} as {{ engine_data_type(type) }})
{%- endmacro %}

{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ engine_data_type(type) }})
{%- endmacro %}

{#- PostgreSQL builds a contracted table from DDL with the YAML types. -#}
{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set translated = _with_engine_data_types(model) -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=translated['columns']) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for c in raw_column_constraints -%}
      {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}

{#- Seeds: the table's columns (and Spark's insert casts) use the seeds' column_types. -#}
{% macro postgres__create_csv_table(model, agate_table) -%}
    {{ return(dbt.default__create_csv_table(_with_engine_data_types(model), agate_table)) }}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) -%}
    {{ return(dbt.spark__create_csv_table(_with_engine_data_types(model), agate_table)) }}
{%- endmacro %}

{#-
    Spark's seed rows: dbt-spark's session method pastes bindings into the SQL unescaped (a quote in a value
    breaks the statement, NULL becomes the text 'None'), so the values are written as literals here instead,
    escaped by string_literal(); otherwise as dbt-spark does it (batches, a cast per value).
-#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set column_override = _with_engine_data_types(model)['config'].get('column_types', {}) -%}
    {%- set typed = agate_table.column_names | select('in', column_override) | list -%}
    {%- if agate_table.original_abspath is defined and typed | length == agate_table.column_names | length -%}
        {{ return(_spark_load_csv_file(model, agate_table, column_override)) }}
    {%- endif -%}
    {%- set column_types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do column_types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for value in row -%}
                    cast({{ _seed_literal(value) }} as {{ column_types[loop.index0] }}){{ ', ' if not loop.last }}
                {%- endfor -%}
                ){{ ',' if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}

{#-
    A seed whose every column has a type in column_types (every seed of this project): Spark's CSV data source
    reads the seed's file itself and one insert ... select writes the table (51k rows of the bundled export
    through batched INSERT ... VALUES take Spark minutes to parse). Same values as dbt's: dbt reads each such
    column as text (agate), where a cell that is empty or 'null' once stripped of whitespace is NULL, and casts
    it to its type; so does this. The file's path is the driver's: on a cluster, the executors must see it too
    (a shared path; the Thrift server's machine for `make test-spark-cluster`).
-#}
{% macro _spark_load_csv_file(model, agate_table, column_types) -%}
    {%- set view = 'seed_file__' ~ this.identifier -%}
    {%- set columns = [] -%}
    {%- set values = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set position = 'c' ~ loop.index -%}
        {%- do columns.append(position ~ ' string') -%}
        {%- do values.append(
            'cast(case when ' ~ position ~ ' rlike ' ~ regex_literal('(?U)^[\\s\\x{1C}-\\x{1F}]*(?i:null)?[\\s\\x{1C}-\\x{1F}]*\\z')
            ~ ' then null else ' ~ position ~ ' end as ' ~ column_types[col_name] ~ ')'
        ) -%}
    {%- endfor -%}
    {%- call statement('seed_file_view') -%}
        create or replace temporary view {{ view }} ({{ columns | join(', ') }}) using csv options (
            path {{ string_literal(agate_table.original_abspath) }}, header 'true',
            sep {{ string_literal(model['config'].get('delimiter') or ',') }}, quote '"', escape '"',
            multiLine 'true', mode 'FAILFAST', encoding 'UTF-8'
        )
    {%- endcall -%}
    {%- set sql -%}
        insert into {{ this.render() }} select {{ values | join(', ') }} from {{ view }}
    {%- endset -%}
    {%- call statement('seed_file_insert') -%}
        {{ sql }}
    {%- endcall -%}
    {%- call statement('seed_file_view_drop') -%}
        drop view if exists {{ view }}
    {%- endcall -%}
    {{ return(sql) }}
{%- endmacro %}

{% macro _seed_literal(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is sameas true or value is sameas false -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return(string_literal(value | string)) }}
    {%- endif -%}
{%- endmacro %}
