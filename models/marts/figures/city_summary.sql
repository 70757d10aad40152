{#-
    One row per reference city (11 GBA cities + 大湾区外). A transfer counts in the city bucket of each of its
    city roles (int_transfer_city_roles: an unknown city is 大湾区外), so transfers_out and transfers_in each
    sum to the in-scope total over the 12 rows. Means and ranks are over the 11 GBA cities only; this is the
    one place the 11-city mean is computed (published_figure_checks and the report read it from here).
-#}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

city_roles as (

    select * from {{ ref('int_transfer_city_roles') }}

),

outbound as (

    select
        city_bucket as city,
        count(*) as transfers_out,
        count(distinct party_name) as source_institutions
    from city_roles
    where city_role = 'source'
    group by city_bucket

),

inbound as (

    select
        city_bucket as city,
        count(*) as transfers_in,
        count(distinct party_name) as intake_enterprises
    from city_roles
    where city_role = 'destination'
    group by city_bucket

),

activity as (

    {#- Activity basis: a transfer counts once in a city where both its roles are. -#}
    select
        city_bucket as city,
        count(distinct record_id) as activity
    from city_roles
    group by city_bucket

),

city_measures as (

    select
        cities.city,
        cities.city_en,
        cities.is_gba,
        cities.display_order,
        coalesce(outbound.transfers_out, 0) as transfers_out,
        coalesce(inbound.transfers_in, 0) as transfers_in,
        coalesce(activity.activity, 0) as activity,
        coalesce(outbound.source_institutions, 0) as source_institutions,
        coalesce(inbound.intake_enterprises, 0) as intake_enterprises
    from cities
    left join outbound
        on cities.city = outbound.city
    left join inbound
        on cities.city = inbound.city
    left join activity
        on cities.city = activity.city

),

gba_means as (

    select
        avg(cast(transfers_out as {{ type_double() }})) as transfers_out_mean,
        avg(cast(transfers_in as {{ type_double() }})) as transfers_in_mean,
        avg(cast(activity as {{ type_double() }})) as activity_mean,
        avg(cast(source_institutions as {{ type_double() }})) as source_institutions_mean,
        avg(cast(intake_enterprises as {{ type_double() }})) as intake_enterprises_mean
    from city_measures
    where is_gba

),

compared as (

    select
        city_measures.*,
        gba_means.*,
        city_measures.transfers_out
        / nullif(gba_means.transfers_out_mean, 0) as transfers_out_to_mean_ratio,
        case
            when city_measures.is_gba
                then rank() over (partition by city_measures.is_gba order by city_measures.transfers_out desc)
        end as transfers_out_rank,
        city_measures.transfers_in
        / nullif(gba_means.transfers_in_mean, 0) as transfers_in_to_mean_ratio,
        case
            when city_measures.is_gba
                then rank() over (partition by city_measures.is_gba order by city_measures.transfers_in desc)
        end as transfers_in_rank,
        city_measures.activity
        / nullif(gba_means.activity_mean, 0) as activity_to_mean_ratio,
        case
            when city_measures.is_gba
                then rank() over (partition by city_measures.is_gba order by city_measures.activity desc)
        end as activity_rank,
        city_measures.source_institutions
        / nullif(gba_means.source_institutions_mean, 0) as source_institutions_to_mean_ratio,
        case
            when city_measures.is_gba
                then rank() over (partition by city_measures.is_gba order by city_measures.source_institutions desc)
        end as source_institutions_rank,
        city_measures.intake_enterprises
        / nullif(gba_means.intake_enterprises_mean, 0) as intake_enterprises_to_mean_ratio,
        case
            when city_measures.is_gba
                then rank() over (partition by city_measures.is_gba order by city_measures.intake_enterprises desc)
        end as intake_enterprises_rank
    from city_measures
    cross join gba_means

),

final as (

    select
        cast(city as {{ dbt.type_string() }}) as city,
        cast(city_en as {{ dbt.type_string() }}) as city_en,
        cast(is_gba as boolean) as is_gba,
        cast(display_order as integer) as display_order,
        cast(transfers_out as bigint) as transfers_out,
        cast(transfers_out_to_mean_ratio as {{ type_double() }}) as transfers_out_to_mean_ratio,
        cast(transfers_out_rank as integer) as transfers_out_rank,
        cast(transfers_in as bigint) as transfers_in,
        cast(transfers_in_to_mean_ratio as {{ type_double() }}) as transfers_in_to_mean_ratio,
        cast(transfers_in_rank as integer) as transfers_in_rank,
        cast(activity as bigint) as activity,
        cast(activity_to_mean_ratio as {{ type_double() }}) as activity_to_mean_ratio,
        cast(activity_rank as integer) as activity_rank,
        cast(source_institutions as bigint) as source_institutions,
        cast(source_institutions_to_mean_ratio as {{ type_double() }}) as source_institutions_to_mean_ratio,
        cast(source_institutions_rank as integer) as source_institutions_rank,
        cast(intake_enterprises as bigint) as intake_enterprises,
        cast(intake_enterprises_to_mean_ratio as {{ type_double() }}) as intake_enterprises_to_mean_ratio,
        cast(intake_enterprises_rank as integer) as intake_enterprises_rank,
        cast(transfers_out_mean as {{ type_double() }}) as transfers_out_mean,
        cast(transfers_in_mean as {{ type_double() }}) as transfers_in_mean,
        cast(activity_mean as {{ type_double() }}) as activity_mean,
        cast(source_institutions_mean as {{ type_double() }}) as source_institutions_mean,
        cast(intake_enterprises_mean as {{ type_double() }}) as intake_enterprises_mean
    from compared

)

select * from final
