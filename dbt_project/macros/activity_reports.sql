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

{#- The post-hook of fct_activity_reports after a run that rebuilt only some days of the
    window: every other report of the window's months takes the unit of its employee's month
    assignment (`assigned`, int_employee_months_assigned; null without one), as a full build
    gives it (R4). Only the rows whose unit differs are written. Nothing otherwise: a full build
    or a whole window computed every row's unit. -#}
{% macro report_units_refreshed(assigned) -%}
    {%- set w = eperf.partition_window() -%}
    {%- if w is not none and is_incremental() and eperf.window_days(w) is not none -%}
update {{ this }} as f
set unit_id = changed.unit_id
from (
    select r.report_id, a.unit_id
    from {{ this }} r
    left join {{ assigned }} a
        on a.nip = r.nip and a.period = r.period
    where {{ eperf.window_predicate('r.period') }}
        and r.unit_id is distinct from a.unit_id
) as changed
where f.report_id = changed.report_id
    {%- endif -%}
{%- endmacro %}
