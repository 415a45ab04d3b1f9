-- R3: per employee-month the credited minutes of fct_activity_reports add up exactly (decimal) to
-- fct_employee_monthly.credited_minutes. Open periods only: a closed period's monthly row shows
-- the minutes frozen when it was paid (ledger.employee_monthly_paid), while its reports show the
-- sources as they are now; a later change reaches the pay as a koreksi (fct_tukin_adjustments).
-- An employee-month with credited reports but no monthly row (no assigned workday) fails too.
-- A partition run tests its window's periods.
{{ config(meta={'dagster': {'ref': {'name': 'fct_activity_reports'}}}) }}
{%- set paid = eperf.ledger_relation('employee_monthly_paid') %}
select
    coalesce(r.nip, m.nip) as nip,
    coalesce(r.period, m.period) as period,
    r.credited_minutes as report_minutes,
    m.credited_minutes as monthly_minutes
from (
    select nip, period, sum(credited_minutes) as credited_minutes
    from {{ ref('fct_activity_reports') }}
    where {{ eperf.window_predicate('period') }}
    group by nip, period
) r
full outer join (
    select nip, period, credited_minutes from {{ ref('fct_employee_monthly') }}
    where {{ eperf.window_predicate('period') }}
) m
    on m.nip = r.nip and m.period = r.period
where coalesce(r.credited_minutes, 0) <> coalesce(m.credited_minutes, 0)
{%- if paid %}
    and coalesce(r.period, m.period) not in (select distinct period from {{ paid }})
{%- endif %}
