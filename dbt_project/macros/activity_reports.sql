{#- The activity_report columns staging reads, for the reports kept (deleted=false) or the
    soft-deleted ones (deleted=true): one column list for both staging models. -#}
{% macro activity_report_rows(deleted) -%}
select
    report_id,
    nip,
    activity_date,
    activity_code,
    quantity,
    start_time,
    end_time,
    description,
    evidence_ref,
    upper(status) as status,
    submitted_at,
    reviewed_by,
    reviewed_at,
    updated_at
from {{ source('app', 'activity_report') }}
where {{ '' if deleted else 'not ' }}coalesce(deleted, false)
{%- endmacro %}

{#- Calendar days from a report's submission date to its review date (R3 review timing): one
    definition for the published reports and the review backlog. -#}
{% macro review_days(submitted_at, reviewed_at) -%}
cast({{ dbt.datediff('cast(' ~ submitted_at ~ ' as date)', 'cast(' ~ reviewed_at ~ ' as date)', 'day') }} as integer)
{%- endmacro %}
