{#-
    A party whose city is unknown has no prefecture and no province, and its region says 未知
    (docs/architecture.md, "Place of a party"). Returns each fct_transfers side that breaks it.
-#}
with

transfers as (

    select * from {{ ref('fct_transfers') }}

)

select
    record_id,
    'source' as city_role
from transfers
where
    source_city is null
    and (source_prefecture_adcode is not null or source_province is not null or source_region != '未知')
union all
select
    record_id,
    'destination' as city_role
from transfers
where
    destination_city is null
    and (
        destination_prefecture_adcode is not null or destination_province is not null or destination_region != '未知'
    )
