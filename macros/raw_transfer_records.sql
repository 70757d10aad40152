{#-
    raw_transfer_records(): the relation staging reads the raw export from.
    var('raw_path') empty (the default): the bundled synthetic seed `raw_transfer_records`.
    var('raw_path') set: the user's CSV file(s) (read_csv: header row, comma-separated, UTF-8, every column
    varchar) or Parquet file(s) (when every path ends in .parquet). raw_path is a path, a glob, or a list of
    paths (python/gba_tech_transfer/build.py passes a list). Staging casts and parses every column.
-#}
{% macro raw_transfer_records() -%}
    {%- set raw_path = var('raw_path', '') -%}
    {%- if raw_path is string -%}
        {%- set paths = [raw_path | trim] if raw_path | trim != '' else [] -%}
    {%- else -%}
        {%- set paths = raw_path | list -%}
    {%- endif -%}
    {%- if paths | length == 0 -%}
        {{ ref('raw_transfer_records') }}
    {%- else -%}
        {%- set quoted = [] -%}
        {%- set ns = namespace(all_parquet=true) -%}
        {%- for path in paths -%}
            {%- do quoted.append("'" ~ (path | string | replace("'", "''")) ~ "'") -%}
            {%- if not (path | string | lower).endswith('.parquet') -%}
                {%- set ns.all_parquet = false -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set files = '[' ~ (quoted | join(', ')) ~ ']' -%}
        {%- if ns.all_parquet -%}
            read_parquet({{ files }}, union_by_name = true)
        {%- else -%}
            read_csv(
                {{ files }},
                header = true,
                all_varchar = true,
                delim = ',',
                quote = '"',
                escape = '"',
                union_by_name = true
            )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
