{#-
    One row per condition of a published figure (seed published_figures): the metric, subject and measure it
    reads from figure_metrics, the comparator, and what it is compared with (a number, or the same metric's
    value for another subject). Empty cells of the seed are NULL.
-#}
with

source as (

    select * from {{ ref('published_figures') }}

),

renamed as (

    select
        cast(figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(condition_no as integer) as condition_no,
        cast(description as {{ dbt.type_string() }}) as description,
        cast(metric as {{ dbt.type_string() }}) as metric,
        cast(subject as {{ dbt.type_string() }}) as subject,
        cast(measure as {{ dbt.type_string() }}) as measure,
        cast(comparator as {{ dbt.type_string() }}) as comparator,
        cast(comparand_value as {{ type_double() }}) as comparand_value,
        cast(nullif(trim(comparand_subject), '') as {{ dbt.type_string() }}) as comparand_subject,
        cast(at_least as integer) as at_least
    from source

)

select * from renamed
