{{ config(**eperf.partitioned_config('work_date', 'day')) }}
-- Grain: one row per employee per workday on which the employee holds an assignment and is
-- employed (hire_date <= day < exit_date). Where assignments overlap (a SIMPEG defect reported by
-- the data-quality checks), the one that started last wins, so each day counts once. Only
-- observed workdays (up to the newest punch date of the exports) are assigned: in a month in
-- progress, the days still to come are neither TK nor counted in the month's workdays.
with workdays as (
    select * from {{ ref('int_calendar_days_classified') }} where is_workday and is_observed
),

employees as (
    select nip, hire_date, exit_date, employment_status from {{ ref('stg_simpeg__employees') }}
),

candidates as (
    select
        a.nip,
        w.calendar_date as work_date,
        w.period,
        a.assignment_id,
        a.unit_id,
        a.job_class,
        a.supervisor_nip,
        a.start_date,
        row_number() over (
            partition by a.nip, w.calendar_date order by a.start_date desc, a.assignment_id desc
        ) as assignment_rank
    from {{ ref('stg_simpeg__position_assignments') }} a
    inner join employees e on e.nip = a.nip
    inner join workdays w
        on w.calendar_date between a.start_date and coalesce(a.end_date, date '9999-12-31')
        and w.calendar_date >= e.hire_date
        and (e.exit_date is null or w.calendar_date < e.exit_date)
)

select
    c.nip,
    c.work_date,
    c.period,
    c.assignment_id,
    c.unit_id,
    c.job_class,
    c.supervisor_nip,
    u.timezone as unit_timezone,
    w.schedule_kind,
    w.schedule_start_time,
    w.schedule_end_time,
    w.grace_minutes,
    w.punch_merge_seconds,
    w.daily_target_minutes
from candidates c
inner join workdays w on w.calendar_date = c.work_date
left join {{ ref('stg_simpeg__org_units') }} u on u.unit_id = c.unit_id
where c.assignment_rank = 1
    and {{ eperf.in_partition_window('c.work_date', 'date') }}
