{#-
    Privacy: no value of any varchar column of any mart equals the name of a party classified
    `individual` in int_exported_parties_classified. The columns are read from the built tables at run time,
    so a new mart column is covered without editing this test. Every model under models/marts must be listed in
    mart_models below (dbt needs the dependency at parse time); the test raises an error naming any mart
    that is missing from the list. Every column's values are stacked first and joined to the names once:
    a join per column made Spark compute the names again for each of them (x10: 44 s).
-#}
{%- set mart_models = [
    'fct_transfers',
    'dim_institutions',
    'dim_enterprises',
    'dim_cities',
    'dim_industries',
    'dim_patents',
    'city_summary',
    'city_flows',
    'industry_summary',
    'city_industry_quality',
    'figure_metrics',
    'yearly_trend',
    'record_outcomes',
    'raw_reconciliation',
    'published_figure_checks',
    'institution_summary',
    'enterprise_summary',
    'city_network',
    'city_network_matrices',
    'city_network_powers',
    'region_flows',
    'flow_distance',
] -%}
{%- for mart_model in mart_models %}
-- depends_on: {{ ref(mart_model) }}
{%- endfor %}

{%- set missing_tables = [] -%}
{%- set mart_values = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.package_name == project_name
        and node.fqn[1] == 'marts' -%}
        {%- if node.name not in mart_models -%}
            {{ exceptions.raise_compiler_error(
                "Mart '" ~ node.name ~ "' is not listed in mart_models of tests/assert_no_individual_names_in_marts.sql: add it."
            ) }}
        {%- endif -%}
        {%- set relation = ref(node.name) -%}
        {%- set columns = adapter.get_columns_in_relation(relation) -%}
        {%- if columns | length == 0 -%}
            {%- do missing_tables.append(node.name) -%}
        {%- endif -%}
        {%- for column in columns if column.is_string() or column.dtype | lower == 'string' -%}
            {%- do mart_values.append(
                "select '" ~ node.name ~ "' as mart, '" ~ column.name ~ "' as column_name, "
                ~ "cast(" ~ adapter.quote(column.name) ~ " as " ~ dbt.type_string() ~ ") as column_value "
                ~ "from " ~ relation
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endif %}

with

parties as (

    select * from {{ ref('int_exported_parties_classified') }}

),

individual_names as (

    select distinct party_name
    from parties
    where party_type = 'individual'

),

mart_values as (

    {#- Every value of every text column of every mart, named by its mart and column. -#}
    select
        cast(null as {{ dbt.type_string() }}) as mart,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as column_value
    from individual_names
    where false
    {%- for mart_value in mart_values %}
        union all
        {{ mart_value }}
    {%- endfor %}

),

leaks as (

    select
        mart_values.mart,
        mart_values.column_name,
        mart_values.column_value as leaked_value
    from mart_values
    inner join individual_names
        on mart_values.column_value = individual_names.party_name

)

select * from leaks
{#- A listed mart whose table is not there cannot be checked: a failure of its own. #}
{%- for mart in missing_tables %}
    union all
    select
        '{{ mart }}' as mart,
        '(table not found)' as column_name,
        cast(null as {{ dbt.type_string() }}) as leaked_value
{%- endfor %}
