{#-
    Monthly drops on Spark: incremental_strategy 'delete+insert', as on DuckDB and PostgreSQL (a record sent
    again in a later drop replaces its earlier version), for Spark's plain Parquet tables.

    dbt-spark has append (a record sent again would be kept twice), insert_overwrite (without partitions it
    replaces the whole table with the new drop alone; with them, whole partitions) and merge, which needs a
    table format that can update rows: Delta, Iceberg or Hudi, none of which ships with Spark (each is a
    library every cluster would have to add). Spark cannot delete rows from a Parquet table, so here the
    table is rewritten: the rows whose key the new drop does not hold, plus the new drop. Spark refuses to
    overwrite a table that the same query reads, so the result goes to a side table first, then over the
    table, and the side table is dropped. The accumulated records are written twice per drop: only the
    staging table is incremental, and every model after it is rebuilt in full anyway.
    Not atomic (Parquet has no transactions): a failure after the side table is written leaves it behind,
    and the next drop drops it first; the table itself is only ever overwritten by the complete result.

    The two macros wrap dbt-spark's own under the same names (the root project's macros come first):
    'delete+insert' is handled here, every other strategy goes on to dbt-spark's own (`dbt.`: the internal
    packages' namespace).
-#}

{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}

{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) -%}
    {%- if strategy == 'delete+insert' -%}
        {{ return(spark_delete_insert_sql(source, target, unique_key)) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates)) }}
{%- endmacro %}

{#- Runs the side table's statements itself and returns the last one (dropping it) as the model's main
    statement: the materialization runs exactly one statement with what its strategy macro returns. -#}
{% macro spark_delete_insert_sql(source, target, unique_key) -%}
    {%- if not unique_key -%}
        {{ exceptions.raise_compiler_error("incremental_strategy 'delete+insert' on Spark needs a unique_key (" ~ target ~ ")") }}
    {%- endif -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set side = target.incorporate(path={'identifier': target.identifier ~ '__dbt_rewrite'}) -%}
    {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
    {%- call statement('delete_insert_drop_stale') -%}
        drop table if exists {{ side }}
    {%- endcall -%}
    {%- call statement('delete_insert_side') -%}
        create table {{ side }} using {{ config.get('file_format', 'parquet') }} as
        select {{ columns }}
        from {{ target }} as kept
        where not exists (
            select 1 from {{ source }} as arrived
            where {% for key in keys %}kept.{{ key }} = arrived.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
        )
        union all
        select {{ columns }} from {{ source }}
    {%- endcall -%}
    {%- call statement('delete_insert_overwrite') -%}
        insert overwrite table {{ target }} select {{ columns }} from {{ side }}
    {%- endcall -%}
    drop table {{ side }}
{%- endmacro %}
