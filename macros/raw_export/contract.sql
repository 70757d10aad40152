{#-
    The raw export's contract, read from its one definition: the source cnipa.raw_transfer_records
    (models/staging/cnipa/_cnipa__sources.yml), its columns in order and its read options (config.meta.read_csv).

    They come from `graph`, which dbt fills only once the project is parsed: while it parses, these macros give
    no columns and no options. That is harmless: parsing records refs and configs, and every model, test and
    hook is rendered again, with the graph, when it runs. A unit test, though, runs against a manifest of its
    own without sources or graph; there the definition is read from its file (DuckDB, where unit tests run).
-#}

{#- raw_export_source_node(): the source's node in the graph, with its columns and config (none while parsing). -#}
{% macro raw_export_source_node() -%}
    {%- set sources = graph.get('sources', {}) -%}
    {%- if sources -%}
        {%- set node = sources.get('source.' ~ project_name ~ '.cnipa.raw_transfer_records') -%}
        {%- if node is none -%}
            {{ exceptions.raise_compiler_error(
                "the source cnipa.raw_transfer_records (models/staging/cnipa/_cnipa__sources.yml) is not declared"
            ) }}
        {%- endif -%}
        {{ return(node) }}
    {%- elif execute and target.type == 'duckdb' -%}
        {{ return(_raw_export_source_from_file()) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{#- The same, read from the YAML file itself, for a unit test (see above): its columns and config only. -#}
{% macro _raw_export_source_from_file() -%}
    {%- set path = ((flags.PROJECT_DIR or '.') | string).rstrip('/') ~ '/models/staging/cnipa/_cnipa__sources.yml' -%}
    {%- set text = run_query('select content from read_text(' ~ string_literal(path) ~ ')').columns[0].values()[0] -%}
    {%- for source in fromyaml(text).sources if source.name == 'cnipa' -%}
        {%- for table in source.tables if table.name == 'raw_transfer_records' -%}
            {%- set columns = {} -%}
            {%- for column in table.columns -%}
                {%- do columns.update({column.name: column}) -%}
            {%- endfor -%}
            {{ return({'columns': columns, 'config': table.config}) }}
        {%- endfor -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(path ~ " declares no source cnipa.raw_transfer_records") }}
{%- endmacro %}

{#- raw_export_columns(): the contract's columns, in order. -#}
{% macro raw_export_columns() -%}
    {%- set node = raw_export_source_node() -%}
    {{ return((node.columns.keys() | list) if node else []) }}
{%- endmacro %}

{#- raw_export_read_csv_options(): DuckDB read_csv's named parameters for a CSV export, as SQL
    (`header = true, delim = ',', …`), from the source's config.meta.read_csv. -#}
{% macro raw_export_read_csv_options() -%}
    {%- set node = raw_export_source_node() -%}
    {%- set options = [] -%}
    {%- for name, value in ((node.config.meta.read_csv if node else none) or {}).items() -%}
        {%- if value is sameas true or value is sameas false -%}
            {%- do options.append(name ~ ' = ' ~ (value | string | lower)) -%}
        {%- elif value is number -%}
            {%- do options.append(name ~ ' = ' ~ value) -%}
        {%- else -%}
            {%- do options.append(name ~ ' = ' ~ string_literal(value)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(options | join(', ')) }}
{%- endmacro %}

{#- raw_export_paths(): var('raw_path') as a list of paths or globs ([] when unset: the bundled export). -#}
{% macro raw_export_paths() -%}
    {%- set raw_path = var('raw_path', '') -%}
    {%- if raw_path is string -%}
        {{ return([raw_path | trim] if raw_path | trim != '' else []) }}
    {%- else -%}
        {{ return(raw_path | map('string') | list) }}
    {%- endif -%}
{%- endmacro %}

{#-
    raw_export_is_seed(): whether the source is the bundled seed `raw_transfer_records`: with var raw_path
    unset, on every engine but Spark (which reads the bundled CSV in place, as it reads a user's export). The
    seed's `+enabled` in dbt_project.yml is this same expression (dbt_project.yml cannot call a macro).
-#}
{% macro raw_export_is_seed() -%}
    {{ return(target.type != 'spark' and not (var('raw_path', '') | string | trim)) }}
{%- endmacro %}

{#-
    raw_export_source(): the source relation staging reads. When it is the bundled seed, the seed is also
    ref()'d, for the DAG only: dbt then loads the seed before any model reads the source.
-#}
{% macro raw_export_source() -%}
    {%- if raw_export_is_seed() -%}
        {%- do ref('raw_transfer_records') -%}
    {%- endif -%}
    {{ return(source('cnipa', 'raw_transfer_records')) }}
{%- endmacro %}

{#- raw_export_relation(): the same relation, built from the graph, for the hooks that create it and drop it. -#}
{% macro raw_export_relation() -%}
    {%- set node = raw_export_source_node() -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.identifier)) }}
{%- endmacro %}
