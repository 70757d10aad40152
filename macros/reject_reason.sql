{#-
    reject_reason(alias=none): why a staged record cannot be read, first that applies (NULL when it can be
    read), in terms of the columns of stg_cnipa__transfer_records (qualified with `alias` when given). Shared
    by int_duplicate_records_matched (copies are looked for among readable records only),
    int_transfer_records_flagged and record_outcomes.
-#}
{% macro reject_reason(alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    case
        when {{ p }}application_no is null then 'malformed_application_no'
        when not {{ p }}is_check_character_valid then 'bad_check_digit'
        when {{ p }}has_bad_date then 'bad_date'
        {#- The shapes with a description (legal-status events, a history cell): a transfer's description
            that names no party cannot be read; another event (授权, 实质审查 …) names none and need not. -#}
        when {{ p }}legal_event_kind = 'transfer' and not coalesce({{ p }}is_description_read, true)
            then 'unreadable_description'
        when ({{ list_size(p ~ 'assignor_names') }} = 0 or {{ list_size(p ~ 'assignee_names') }} = 0)
            and ({{ p }}is_description_read is null or {{ p }}legal_event_kind = 'transfer') then 'empty_party'
    end
{%- endmacro %}
