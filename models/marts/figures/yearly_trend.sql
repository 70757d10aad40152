{#-
    In-scope transfers by effective year, in long form: one row per year × breakdown × member, dense over
    the years that have transfers and the reference members (zero rows included). Breakdowns: 'all'
    (member 'all'), 'source_city' and 'destination_city' (the city bucket of the transfer's source or
    destination role, int_transfer_city_roles: an unknown city is 大湾区外), 'industry' (taxonomy industry
    name; 'unmapped' for a main IPC that maps to no industry).
    Within each year and breakdown, transfers sum to the year's in-scope total.
-#}
with

cities as (

    select * from {{ ref('dim_cities') }}

),

industries as (

    select * from {{ ref('dim_industries') }}

),

transfers as (

    select * from {{ ref('fct_transfers') }}

),

city_roles as (

    select * from {{ ref('int_transfer_city_roles') }}

),

transfer_members as (

    select
        effective_year,
        'all' as breakdown,
        'all' as member
    from transfers
    union all
    select
        effective_year,
        case city_role
            when 'source' then 'source_city'
            when 'destination' then 'destination_city'
        end as breakdown,
        city_bucket as member
    from city_roles
    union all
    select
        effective_year,
        'industry' as breakdown,
        coalesce(industry, 'unmapped') as member
    from transfers

),

member_counts as (

    select
        effective_year,
        breakdown,
        member,
        count(*) as transfers
    from transfer_members
    group by
        effective_year,
        breakdown,
        member

),

years as (

    select distinct effective_year
    from transfers

),

reference_members as (

    select
        'all' as breakdown,
        'all' as member
    union all
    select
        'source_city' as breakdown,
        city as member
    from cities
    union all
    select
        'destination_city' as breakdown,
        city as member
    from cities
    union all
    select
        'industry' as breakdown,
        industry as member
    from industries

),

members as (

    select
        breakdown,
        member
    from reference_members
    union
    select distinct
        breakdown,
        member
    from member_counts

),

year_member_grid as (

    select
        years.effective_year,
        members.breakdown,
        members.member
    from years
    cross join members

),

final as (

    select
        cast(year_member_grid.effective_year as integer) as effective_year,
        cast(year_member_grid.breakdown as {{ dbt.type_string() }}) as breakdown,
        cast(year_member_grid.member as {{ dbt.type_string() }}) as member,
        cast(coalesce(member_counts.transfers, 0) as bigint) as transfers
    from year_member_grid
    left join member_counts
        on
            year_member_grid.effective_year = member_counts.effective_year
            and year_member_grid.breakdown = member_counts.breakdown
            and year_member_grid.member = member_counts.member

)

select * from final
