{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with assigned workdays: the employee-level counts the
-- bureaucratic-reform indicators (R9) add up over a unit subtree.
-- Supervisor timeliness counts reports by the period of their activity date: submitted (not
-- DRAFT) and reviewed within 5 workdays of the submission date. Workdays are counted on a
-- calendar of weekdays minus public holidays and cuti bersama, plus the ministry's overrides.
-- Period-local (a review's workday count is a difference of calendar positions, the same
-- whatever day the calendar starts on), so a partition run rebuilds only its window's periods.
with reports as (
    select
        nip,
        {{ eperf.period_of('activity_date') }} as period,
        cast(submitted_at as date) as submitted_on,
        cast(reviewed_at as date) as reviewed_on,
        status
    from {{ ref('stg_app__activity_reports') }}
    where status <> 'DRAFT' and submitted_at is not null
        and {{ eperf.in_partition_window('activity_date', 'date') }}
),

bounds as (
    select min(submitted_on) as first_day, max(coalesce(reviewed_on, submitted_on)) as last_day
    from reports
),

review_days as (
    select {{ eperf.explode_dates('first_day', 'last_day', 'calendar_date') }}
    from bounds
    where first_day is not null
),

review_calendar as (
    select
        d.calendar_date,
        sum(
            case when coalesce(
                o.is_workday,
                {{ eperf.iso_weekday('d.calendar_date') }} between 1 and 5 and h.holiday_date is null
            ) then 1 else 0 end
        ) over (order by d.calendar_date) as workday_no
    from review_days d
    left join (select distinct holiday_date from {{ ref('stg_reference__public_holidays') }}) h
        on h.holiday_date = d.calendar_date
    left join {{ eperf.policy_rows('policy_calendar_overrides') }} o
        on o.calendar_date = d.calendar_date
),

report_counts as (
    select
        r.nip,
        r.period,
        count(*) as reports_submitted,
        sum(case when r.reviewed_on is not null and rv.workday_no - sb.workday_no <= 5 then 1 else 0 end)
            as reports_reviewed_on_time,
        sum(case when r.status = 'APPROVED' then 1 else 0 end) as reports_approved
    from reports r
    left join review_calendar sb on sb.calendar_date = r.submitted_on
    left join review_calendar rv on rv.calendar_date = r.reviewed_on
    group by r.nip, r.period
),

clean_days as (
    select
        nip,
        period,
        sum(case when tl_code is null and psw_code is null and status <> 'TK' then 1 else 0 end)
            as days_without_tl_psw_tk
    from {{ ref('int_attendance_days_classified') }}
    where {{ eperf.in_partition_window('work_date', 'date') }}
    group by nip, period
)

select
    m.nip,
    m.period,
    m.unit_id,
    m.predicate,
    m.assigned_workdays,
    m.tk_days,
    m.credited_minutes,
    m.target_minutes,
    m.tukin_potential_idr,
    m.tukin_net_idr,
    coalesce(c.days_without_tl_psw_tk, 0) as days_without_tl_psw_tk,
    coalesce(rc.reports_approved, 0) > 0 as has_approved_report,
    coalesce(rc.reports_submitted, 0) as reports_submitted,
    coalesce(rc.reports_reviewed_on_time, 0) as reports_reviewed_on_time
from {{ ref('int_employee_months_settled') }} m
left join clean_days c on c.nip = m.nip and c.period = m.period
left join report_counts rc on rc.nip = m.nip and rc.period = m.period
where {{ eperf.in_partition_window('m.period') }}
