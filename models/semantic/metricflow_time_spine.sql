{#-
    MetricFlow's daily time spine: one row per calendar day from 1985-04-01 (China's patent law in force)
    to the cutoff date (var cutoff_date), the range any in-scope transfer can fall in; cumulative metrics
    end at the cutoff. Configured as the time spine in _semantic__models.yml (the dbt >= 1.9
    `time_spine:` property).
-#}
with

days as (

    {{ day_spine("cast('1985-04-01' as date)", cutoff_date()) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
