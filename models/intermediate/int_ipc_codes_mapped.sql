{#-
    One row per distinct main IPC code: the industry of the longest concordance prefix the code starts with.
    A prefix longer than the subclass and without '/' must be followed by '/' in the code
    (C12N15 matches C12N15/10, not C12N151/00). Codes matching no prefix keep a NULL industry.
-#}
with

records as (

    select * from {{ ref('stg_cnipa__transfer_records') }}

),

concordance as (

    select * from {{ ref('stg_reference__ipc_concordance') }}

),

codes as (

    select distinct ipc_main as ipc_code
    from records
    where ipc_main is not null

),

code_prefixes as (

    select
        ipc_code,
        {{ unnest_positions('length(ipc_code)', 'prefix_length') }}
    from codes

),

prefix_matches as (

    select
        code_prefixes.ipc_code,
        concordance.ipc_prefix,
        concordance.industry_id,
        row_number() over (
            partition by code_prefixes.ipc_code
            order by code_prefixes.prefix_length desc
        ) as match_rank
    from code_prefixes
    inner join concordance
        on left(code_prefixes.ipc_code, code_prefixes.prefix_length) = concordance.ipc_prefix
    where
        code_prefixes.prefix_length <= 4
        or concordance.ipc_prefix like '%/%'
        or substr(code_prefixes.ipc_code, code_prefixes.prefix_length + 1, 1) = '/'

),

mapped as (

    select
        codes.ipc_code,
        prefix_matches.ipc_prefix as matched_ipc_prefix,
        prefix_matches.industry_id
    from codes
    left join prefix_matches
        on
            codes.ipc_code = prefix_matches.ipc_code
            and prefix_matches.match_rank = 1

)

select * from mapped
