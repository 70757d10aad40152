{#-
    The raw export's contract, read from its one definition: the source table cnipa.contract_rows
    (models/staging/cnipa/_cnipa__sources.yml), its columns in order (those not prefixed `_`: the provenance
    the loader adds) and its read options (config.meta.read_csv).

    They come from `graph`, which dbt fills only once the project is parsed: while it parses, these macros give
    no columns and no options. That is harmless: parsing records refs and configs, and every model, test and
    hook is rendered again, with the graph, when it runs. A unit test, though, runs against a manifest of its
    own without sources or graph; there the definition is read from its file (DuckDB, where unit tests run).
-#}

{#- raw_export_source_node(): the source's node in the graph, with its columns and config (none while parsing). -#}
{% macro raw_export_source_node() -%}
    {%- set sources = graph.get('sources', {}) -%}
    {%- if sources -%}
        {%- set node = sources.get('source.' ~ project_name ~ '.cnipa.contract_rows') -%}
        {%- if node is none -%}
            {{ exceptions.raise_compiler_error(
                "the source cnipa.contract_rows (models/staging/cnipa/_cnipa__sources.yml) is not declared"
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
        {%- for table in source.tables if table.name == 'contract_rows' -%}
            {%- set columns = {} -%}
            {%- for column in table.columns -%}
                {%- do columns.update({column.name: column}) -%}
            {%- endfor -%}
            {{ return({'columns': columns, 'config': table.config}) }}
        {%- endfor -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(path ~ " declares no source cnipa.contract_rows") }}
{%- endmacro %}

{#- raw_export_columns(): the contract's columns, in order (the landed table's, less its provenance columns). -#}
{% macro raw_export_columns() -%}
    {%- set node = raw_export_source_node() -%}
    {%- set columns = [] -%}
    {%- for name in (node.columns.keys() if node else []) if not name.startswith('_') -%}
        {%- do columns.append(name) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{#- landing_provenance_columns(): the provenance every landed row carries, in order, with its type. -#}
{% macro landing_provenance_columns() -%}
    {{ return({
        '_load_id': 'integer',
        '_file_name': dbt.type_string(),
        '_file_sha256': dbt.type_string(),
        '_sheet': dbt.type_string(),
        '_row_number': 'bigint',
        '_loaded_at': dbt.type_timestamp(),
    }) }}
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


{#- raw_export_csv_dialect(): the contract's header, delimiter, quote and escape (config.meta.read_csv), which
    every engine's reader uses (macros/landing/land.sql). -#}
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
