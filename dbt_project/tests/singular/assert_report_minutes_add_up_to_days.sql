-- R3/R11: the daily cap applied per report (int_activity_reports_linked) gives each day the same
-- credited minutes as the cap applied per day (int_activity_days_capped). A partition run tests
-- its window's days.
{{ config(meta={'dagster': {'ref': {'name': 'int_activity_reports_linked'}}}) }}
select coalesce(r.nip, d.nip) as nip, coalesce(r.activity_date, d.activity_date) as activity_date,
    r.credited_minutes as report_minutes, d.credited_minutes as day_minutes
from (
    select nip, activity_date, sum(credited_minutes) as credited_minutes
    from {{ ref('int_activity_reports_linked') }}
    where {{ eperf.window_predicate('activity_date', 'date') }}
    group by nip, activity_date
) r
full outer join (
    select * from {{ ref('int_activity_days_capped') }}
    where {{ eperf.window_predicate('activity_date', 'date') }}
) d
    on d.nip = r.nip and d.activity_date = r.activity_date
where r.credited_minutes is null or d.credited_minutes is null or r.credited_minutes <> d.credited_minutes
