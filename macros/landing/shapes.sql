{#-
    The export shapes (docs/bring-your-own.md), as staging reads them from raw.export_rows.
    export_row_columns(): the columns stg_cnipa__export_rows gives, whatever the shape: the contract's,
        then announcement_date, description, legal_history (NULL where the shape has none).
    legal_event_columns(): the contract's columns a legal event's description gives (stg_cnipa__legal_events
        reads them from its text; legal_event is the event's own name).
    patent_columns(): the contract's other columns but record_id, which describe the patent: an event or a
        history block carries its patent row's.
    read_past_columns(shape): columns a shape's header may name that are not read: a patent list's own
        法律状态 / 公告日 give the patent's current status, not an event (the events are in its history cell).
-#}
{% macro export_row_columns() -%}
    {{ return(raw_export_columns() + ['announcement_date', 'description', 'legal_history']) }}
{%- endmacro %}

{% macro legal_event_columns() -%}
    {{ return(['legal_event', 'effective_date', 'assignors', 'assignor_address', 'assignees', 'assignee_address']) }}
{%- endmacro %}

{% macro patent_columns() -%}
    {{ return(raw_export_columns() | reject('in', ['record_id'] + legal_event_columns()) | list) }}
{%- endmacro %}

{% macro read_past_columns(shape) -%}
    {{ return({'history': ['legal_event', 'announcement_date']}.get(shape, [])) }}
{%- endmacro %}

{#- transfer_events(): the three transfer forms of a legal event (docs/architecture.md#parsing), as folded. -#}
{% macro transfer_events() -%}
    {{ return(['专利权的转移', '专利申请权的转移', '专利申请权、专利权的转移']) }}
{%- endmacro %}

{#- Whether a legal event's text (folded) is one of the transfer forms. -#}
{% macro is_transfer_event(expr) -%}
    {%- set quoted = [] -%}
    {%- for event in transfer_events() -%}
        {%- do quoted.append(string_literal(event)) -%}
    {%- endfor -%}
    coalesce({{ expr }} in ({{ quoted | join(', ') }}), false)
{%- endmacro %}
