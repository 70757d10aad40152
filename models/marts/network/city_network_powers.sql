{#-
    One row per measure x from_city x to_city: city_network_matrices raised to the 16th power by four squarings
    (16 power iterations), each scaled to sum to 1 (docs/architecture.md#city-network; macros/network.sql).
    city_network squares them four more times (2^8 = 256 power iterations) and reads the scores off. Three
    tables, because Spark inlines a CTE at each reference: k squarings in one query repeat their input 2^k
    times, so each query holds four squarings of a table.
-#}
{%- set squarings = 4 -%}
{%- set double = type_double() -%}
with

matrices as (

    select
        measure,
        from_city,
        to_city,
        weight
    from {{ ref('city_network_matrices') }}

),
{{ matrix_squarings('matrices', 'powers', squarings) }}

final as (

    select
        cast(measure as {{ dbt.type_string() }}) as measure,
        cast(from_city as {{ dbt.type_string() }}) as from_city,
        cast(to_city as {{ dbt.type_string() }}) as to_city,
        cast({{ 2 ** squarings }} as bigint) as iterations,
        cast(weight as {{ double }}) as weight
    from powers_{{ squarings }}

)

select * from final
