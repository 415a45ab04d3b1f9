-- R3: for every employee-month of fct_employee_monthly the credited minutes of its reports in
-- fct_activity_reports add up exactly (decimal) to fct_employee_monthly.credited_minutes. Open
-- periods only: a closed period's monthly row shows the minutes frozen when it was paid
-- (ledger.employee_monthly_paid), while its reports show the sources as they are now; a later
-- change reaches the pay as a koreksi (fct_tukin_adjustments). Reports of an employee-month with
-- no monthly row (no assigned workday, e.g. the days of a month in progress before the exports
-- reach them) have unit_id null: no score reads them. A partition run tests its window's periods.
{{ config(meta={'dagster': {'ref': {'name': 'fct_activity_reports'}}}) }}
{%- set paid = eperf.ledger_relation('employee_monthly_paid') %}
select
    m.nip,
    m.period,
    r.credited_minutes as report_minutes,
    m.credited_minutes as monthly_minutes
from {{ ref('fct_employee_monthly') }} m
left join (
    select nip, period, sum(credited_minutes) as credited_minutes
    from {{ ref('fct_activity_reports') }}
    where {{ eperf.window_predicate('period') }}
    group by nip, period
) r
    on r.nip = m.nip and r.period = m.period
where {{ eperf.window_predicate('m.period') }}
    and coalesce(r.credited_minutes, 0) <> m.credited_minutes
{%- if paid %}
    and m.period not in (select distinct period from {{ paid }})
{%- endif %}
