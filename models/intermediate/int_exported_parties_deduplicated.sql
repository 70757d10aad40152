{#-
    One row per party as the export writes it: a distinct folded name with the address beside it (the
    address is the first party's on each side, NULL for a party listed later). The parties of
    int_parties_split with their records left out: every rule of party type and place reads a party's name
    and address alone, so int_party_names_classified, int_addresses_located and
    int_exported_parties_classified read their distinct names, addresses and pairs here.

    A table, so the parties are made distinct once per build: each of those models names its input more than
    once, and Spark computes every reference again (x10: int_parties_split's 1.1 million rows scanned four
    times in each of the first two).
-#}
with

parties as (

    select
        party_name,
        party_address
    from {{ ref('int_parties_split') }}

),

final as (

    select distinct
        party_name,
        party_address
    from parties

)

select * from final
