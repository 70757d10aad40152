{#-
    matches_the_raw_export_contract(model): the relation has the raw export contract's columns (the source
    cnipa.raw_transfer_records, models/staging/cnipa/_cnipa__sources.yml), by name and in order, each text;
    for a seed, its column_types name exactly those columns (what makes dbt load each one as text rather than
    guess a type from the values). For the bundled seed, whose column_types cannot be read from the source.
    Fails with one row per problem.
-#}
{% test matches_the_raw_export_contract(model) %}
{%- set problems = [] -%}
{%- if execute -%}
    {%- set expected = raw_export_columns() -%}
    {%- set found = adapter.get_columns_in_relation(model) -%}
    {%- set found_names = found | map(attribute='name') | map('lower') | list -%}
    {%- if found_names != expected -%}
        {%- do problems.append("columns " ~ (found_names | join(',')) ~ "; the source's are " ~ (expected | join(','))) -%}
    {%- endif -%}
    {#- Spark's columns say `string`, which dbt's is_string() does not count as text. -#}
    {%- for column in found if not (column.is_string() or (column.dtype | lower) == (dbt.type_string() | lower)) -%}
        {%- do problems.append(column.name ~ " is " ~ column.data_type ~ ", not text") -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'seed' and node.alias == model.identifier -%}
        {%- set typed = (node.config.column_types or {}).keys() | list -%}
        {%- if typed | sort != expected | sort -%}
            {%- do problems.append("column_types of seed " ~ node.name ~ " name " ~ (typed | join(','))) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

problems as (

    {%- for problem in problems %}
    select {{ string_literal(problem) }} as problem
    {{- "\n    union all" if not loop.last }}
    {%- else %}
    select cast(null as {{ dbt.type_string() }}) as problem
    where 1 = 0
    {%- endfor %}

)

select * from problems

{% endtest %}
