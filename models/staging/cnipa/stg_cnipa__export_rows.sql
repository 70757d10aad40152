{#-
    The user's export as read, in the shapes other than the contract (docs/bring-your-own.md): one row per
    row of the file, every header renamed to its warehouse column through var raw_shape (the header-alias
    seed's mapping), a column the shape has no header for NULL, and a record_id on every row.

    record_id: the file's own id column where it has one; else one made from the row's content, a hash of
    its values plus its occurrence number among identical rows ('<hash>-1', '<hash>-2'). So the same row sent
    again in a later monthly drop keeps its id (and replaces itself), and two identical rows of one file are
    two records, which the warehouse reports as duplicates.

    Ephemeral when the export has such a shape (read inline by the models that use it: no view pointing at
    the user's file is left in the warehouse); otherwise a view with no rows, so the model, its columns and
    its unit tests exist in every build.
-#}
{{ config(materialized=('ephemeral' if raw_shape_name() != 'contract' else 'view')) }}
{%- set hashed_values = [] -%}
{%- for column in export_row_columns()[1:] -%}
    {%- do hashed_values.append("coalesce(" ~ column ~ ", '')") -%}
{%- endfor %}
with

source as (

    select * from {{ export_rows_reader() }} as export_rows  -- noqa: AL05

),

hashed as (

    select
        *,
        {#- The values in the warehouse's column order, whatever the file's, each NULL as '' (an empty field). -#}
        {{ dbt.hash("concat_ws(chr(31), " ~ (hashed_values | join(', ')) ~ ")") }} as content_hash
    from source

),

identified as (

    select
        *,
        coalesce(
            record_id,
            left(content_hash, 16) || '-'
            || cast(row_number() over (partition by content_hash order by content_hash) as {{ dbt.type_string() }})
        ) as export_record_id
    from hashed

),

final as (

    select
        export_record_id as record_id,
        {{ export_row_columns()[1:] | join(', ') }}
    from identified

)

select * from final
